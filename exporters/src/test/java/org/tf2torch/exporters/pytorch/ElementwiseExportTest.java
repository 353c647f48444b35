package org.tf2torch.exporters.pytorch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.text.IrParser;

/** Element-wise arithmetic with broadcasting and scalars, activations, clip on floats and integers. */
class ElementwiseExportTest {
    @Test
    void elementwiseOpsMatchNumpy(@TempDir Path tmp) throws Exception {
        Graph g = IrParser.parse("""
                graph @elementwise {
                  input %x : f32[3,4] = "x"
                  input %y : f32[4] = "y"
                  input %n : i64[4] = "n"
                  %a = add(%x, %y) : f32[3,4]
                  %s = sub(%y, %x) : f32[3,4]
                  %m = mul(%x, %y) : f32[3,4]
                  %dq = div(%x, %y) : f32[3,4]
                  %c = const() {value=dense<f32[]>[0.1]} : f32[]
                  %sc = mul(%c, %x) : f32[3,4]
                  %sd = sub(%c, %x) : f32[3,4]
                  %ab = abs(%x) : f32[3,4]
                  %one = const() {value=dense<f32[]>[1.0]} : f32[]
                  %ab1 = add(%ab, %one) : f32[3,4]
                  %pw = pow(%ab1, %y) : f32[3,4]
                  %sq = sqrt(%ab) : f32[3,4]
                  %ex = exp(%x) : f32[3,4]
                  %lg = log(%ab1) : f32[3,4]
                  %rc = reciprocal(%ab1) : f32[3,4]
                  %ng = neg(%x) : f32[3,4]
                  %sg = sigmoid(%x) : f32[3,4]
                  %th = tanh(%x) : f32[3,4]
                  %rl = relu(%x) : f32[3,4]
                  %el = elu(%x) {alpha=0.5} : f32[3,4]
                  %se = selu(%x) : f32[3,4]
                  %cl = clip(%x) {min=-0.5, max=0.5} : f32[3,4]
                  %cu = clip(%x) {min=-inf, max=0.3} : f32[3,4]
                  %ls = log_softmax(%x) {axis=0} : f32[3,4]
                  %id = identity(%x) : f32[3,4]
                  %two = const() {value=dense<i64[]>[2]} : i64[]
                  %na = add(%n, %two) : i64[4]
                  %nc = clip(%n) {min=-2.5, max=3.7} : i64[4]
                  %dd = const() {value=dense<i64[4]>[3,-2,5,7]} : i64[4]
                  %nd = div(%n, %dd) : i64[4]
                  return "a" = %a, "s" = %s, "m" = %m, "dq" = %dq, "sc" = %sc, "sd" = %sd, "pw" = %pw, "sq" = %sq, "ex" = %ex, "lg" = %lg, "rc" = %rc, "ng" = %ng, "sg" = %sg, "th" = %th, "rl" = %rl, "el" = %el, "se" = %se, "cl" = %cl, "cu" = %cu, "ls" = %ls, "id" = %id, "x" = %x, "na" = %na, "nc" = %nc, "nd" = %nd
                }
                """);
        ExportResult r = new TorchCheck(g)
                .input("x", TestTensors.random(DType.F32, 1, 3, 4))
                .input("y", TensorValues.ofFloats(Shape.of(4), 0.75f, -1.5f, 2f, 0.3f))
                .input("n", TensorValues.ofLongs(DType.I64, Shape.of(4), new long[] {7, 7, -7, -9}))
                .reference("""
                        def reference(inputs, w):
                            x = inputs["x"].astype(np.float64)
                            y = inputs["y"].astype(np.float64)
                            n = inputs["n"]
                            f = np.float32
                            ab1 = np.abs(x) + 1
                            e = x - x.max(0, keepdims=True)
                            alpha, scale = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946
                            return {
                                "a": (x + y).astype(f), "s": (y - x).astype(f), "m": (x * y).astype(f),
                                "dq": (x / y).astype(f), "sc": (f(0.1) * inputs["x"]), "sd": (f(0.1) - inputs["x"]),
                                "pw": (ab1 ** y).astype(f), "sq": np.sqrt(np.abs(x)).astype(f), "ex": np.exp(x).astype(f),
                                "lg": np.log(ab1).astype(f), "rc": (1 / ab1).astype(f), "ng": (-x).astype(f),
                                "sg": (1 / (1 + np.exp(-x))).astype(f), "th": np.tanh(x).astype(f),
                                "rl": np.maximum(x, 0).astype(f),
                                "el": np.where(x > 0, x, 0.5 * (np.exp(x) - 1)).astype(f),
                                "se": (scale * np.where(x > 0, x, alpha * (np.exp(x) - 1))).astype(f),
                                "cl": np.clip(x, -0.5, 0.5).astype(f), "cu": np.minimum(x, 0.3).astype(f),
                                "ls": (e - np.log(np.exp(e).sum(0, keepdims=True))).astype(f),
                                "id": inputs["x"], "x": inputs["x"],
                                "na": n + 2, "nc": np.clip(n, -2, 3),
                                "nd": np.array([2, -3, -1, -1], np.int64),
                            }
                        """)
                .run(tmp);
        String py = Files.readString(r.modelPy());
        assertTrue(py.contains("sc = x * 0.1"), py);
        assertTrue(py.contains("c = torch.tensor(0.1, dtype=torch.float32)"), py);
        assertTrue(py.contains("el = F.elu(x, alpha=0.5)"), py);
        assertTrue(py.contains("cu = torch.clamp(x, max=0.3)"), py);
        assertTrue(py.contains("nc = torch.clamp(n, min=-2, max=3)"), py);
    }
}
