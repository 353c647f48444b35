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

/** Range, gather, split (a multi-result node), tile, one-hot and bitcast in model.py, its script and the archive. */
class IndexExportTest {
    @Test
    void indexOpsMatchNumpy(@TempDir Path tmp) throws Exception {
        ExportResult r = new TorchCheck(IrParser.parse("""
                graph @index {
                  input %x : f32[3,4] = "x"
                  input %i : i32[2,2] = "i"
                  input %n : i32[] = "n"
                  input %h : i64[3] = "h"
                  %p, %q = split(%x) {axis=1, split=[1,3]} : f32[3,1], f32[3,3]
                  %g = gather(%x, %i) {axis=1} : f32[3,2,2]
                  %gn = gather_nd(%x, %i) : f32[2]
                  %reps = const() {value=dense<i64[2]>[2, 1]} : i64[2]
                  %t = tile(%p, %reps) : f32[6,1]
                  %oh = one_hot(%h) {depth=3, axis=0, on=5.0, off=-1.0, to=f32} : f32[3,3]
                  %zero = const() {value=dense<i32[]>[0]} : i32[]
                  %one = const() {value=dense<i32[]>[1]} : i32[]
                  %rg = range(%zero, %n, %one) : i32[?]
                  %bc = bitcast(%h) {to=i32} : i32[3,2]
                  return "q" = %q, "g" = %g, "gn" = %gn, "t" = %t, "oh" = %oh, "rg" = %rg, "bc" = %bc
                }
                """))
                .input("x", TensorValues.ofFloats(Shape.of(3, 4), 1f, -2f, 3.5f, 4f, 5f, 6f, -7f, 8f, 9f, 10f, 11f, 0.25f))
                .input("i", TensorValues.ofLongs(DType.I32, Shape.of(2, 2), new long[] {0, 3, 2, 1}))
                .input("n", TensorValues.ofLongs(DType.I32, Shape.of(), new long[] {5}))
                .input("h", TensorValues.ofLongs(DType.I64, Shape.of(3), new long[] {-1, 2, 5}))
                .reference("""
                        def reference(inputs, w):
                            x, i, n, h = inputs["x"], inputs["i"], inputs["n"], inputs["h"]
                            # ONNX counts a negative index from the end; 5 is outside and gives off values.
                            hot = np.arange(3)[:, None] == np.where(h < 0, h + 3, h)[None, :]
                            return {
                                "q": x[:, 1:], "g": x[:, i], "gn": np.array([x[0, 3], x[2, 1]]),
                                "t": np.tile(x[:, :1], (2, 1)),
                                "oh": np.where(hot, np.float32(5), np.float32(-1)),
                                "rg": np.arange(0, int(n), 1, dtype=np.int32),
                                "bc": h.view(np.int32).reshape(3, 2),
                            }
                        """)
                .run(tmp);
        String py = Files.readString(r.modelPy());
        assertTrue(py.contains("p, q = torch.split(x, [1, 3], dim=1)"), py);
    }
}
