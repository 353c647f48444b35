package org.tf2torch.exporters.pytorch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.text.IrParser;

/** Comparisons, where, bit ops and the division/rounding ops whose torch defaults differ from TF. */
class LogicExportTest {
    @Test
    void logicAndDivisionOpsMatchNumpy(@TempDir Path tmp) throws Exception {
        ExportResult r = new TorchCheck(IrParser.parse("""
                graph @logic {
                  input %x : f32[6] = "x"
                  input %y : f32[6] = "y"
                  input %n : i32[6] = "n"
                  input %m : i32[6] = "m"
                  input %k : i32[6] = "k"
                  %half = const() {value=dense<f32[]>[0.5]} : f32[]
                  %gt = greater(%half, %x) : bool[6]
                  %le = less_equal(%x, %y) : bool[6]
                  %an = and(%gt, %le) : bool[6]
                  %nt = not(%an) : bool[6]
                  %w = where(%nt, %x, %y) : f32[6]
                  %fd = floor_div(%x, %y) : f32[6]
                  %fm = mod(%x, %y) : f32[6]
                  %tm = mod(%x, %y) {fmod=true} : f32[6]
                  %nfd = floor_div(%n, %m) : i32[6]
                  %nfm = mod(%n, %m) : i32[6]
                  %ntm = mod(%n, %m) {fmod=true} : i32[6]
                  %rd = round(%x) : f32[6]
                  %sl = bit_shift(%n, %k) {direction="LEFT"} : i32[6]
                  %sr = bit_shift(%n, %k) {direction="RIGHT"} : i32[6]
                  %bx = bitwise_xor(%n, %m) : i32[6]
                  %bn = bitwise_not(%n) : i32[6]
                  %sp = softplus(%x) : f32[6]
                  %lr = leaky_relu(%x) {alpha=0.2} : f32[6]
                  return "w" = %w, "fd" = %fd, "fm" = %fm, "tm" = %tm, "nfd" = %nfd, "nfm" = %nfm, "ntm" = %ntm, "rd" = %rd, "sl" = %sl, "sr" = %sr, "bx" = %bx, "bn" = %bn, "sp" = %sp, "lr" = %lr
                }
                """))
                .input("x", TensorValues.ofFloats(Shape.of(6), 1f, -7.5f, 2.5f, 0.5f, 15f, -20f))
                .input("y", TensorValues.ofFloats(Shape.of(6), 0.1f, 2f, -3f, 0.25f, 4f, 3f))
                .input("n", TensorValues.ofLongs(DType.I32, Shape.of(6), new long[] {7, -7, 7, -7, -1, 5}))
                .input("m", TensorValues.ofLongs(DType.I32, Shape.of(6), new long[] {2, 2, -3, -3, 4, 1}))
                .input("k", TensorValues.ofLongs(DType.I32, Shape.of(6), new long[] {1, 0, 3, 31, 2, 4}))
                .reference("""
                        def reference(inputs, w):
                            x, y, n, m, k = inputs["x"], inputs["y"], inputs["n"], inputs["m"], inputs["k"]
                            an = (np.float32(0.5) > x) & (x <= y)
                            fm = np.fmod(x, y)
                            ifm = np.fmod(n, m)
                            th = np.float32(-(np.log(np.finfo(np.float32).eps) + 2))
                            xd = x.astype(np.float64)
                            return {
                                "w": np.where(~an, x, y),
                                # TF floors the rounded quotient: 1 / 0.1f is 10 in float32, 9 in torch's floor mode.
                                "fd": np.floor(x / y),
                                "fm": np.where((fm != 0) & ((y < 0) != (fm < 0)), fm + y, fm),
                                "tm": fm,
                                "nfd": n // m, "nfm": n % m, "ntm": ifm,
                                "rd": np.round(x),
                                "sl": np.left_shift(n, k), "sr": np.right_shift(n, k),
                                "bx": n ^ m, "bn": ~n,
                                "sp": np.where(x > th, xd, np.log1p(np.exp(xd))).astype(np.float32),
                                "lr": np.where(x > 0, x, np.float32(0.2) * x),
                            }
                        """)
                .run(tmp);
        String py = Files.readString(r.modelPy());
        assertTrue(py.contains("gt = x < 0.5"), py);
        assertTrue(py.contains("fd = torch.floor(x / y)"), py);
        assertTrue(py.contains("sl = n << k"), py);
        assertTrue(py.contains("sp = F.softplus(x, threshold=13.942385)"), py);
    }
}
