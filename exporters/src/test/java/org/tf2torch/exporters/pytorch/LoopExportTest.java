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

/**
 * An IR loop as a Python while statement in model.py, its script and the archive: a counter against a captured
 * bound, a value updated with a buffered constant read inside the body, two values swapped each iteration (the
 * tuple assignment must read the old values), and a loop nested in the body.
 */
class LoopExportTest {
    private static final String W = "0.5," + "1.0,".repeat(18) + "2.0";

    @Test
    void loopsMatchNumpy(@TempDir Path tmp) throws Exception {
        ExportResult r = new TorchCheck(IrParser.parse("""
                graph @loops {
                  input %x : f32[20] = "x"
                  input %n : i32[] = "n"
                  %i0 = const() {value=dense<i32[]>[0]} : i32[]
                  %q0 = neg(%x) : f32[20]
                  %i, %acc, %p, %q = loop(%i0, %x, %x, %q0, %n) {carried=4, cond=@cond, body=@body} : i32[], f32[20], f32[20], f32[20]
                    graph @cond {
                      input %ci : i32[] = "i"
                      input %ca : f32[20] = "acc"
                      input %cp : f32[20] = "p"
                      input %cq : f32[20] = "q"
                      input %cn : i32[] = "n"
                      %lt = less(%ci, %cn) : bool[]
                      return "go" = %lt
                    }
                    graph @body {
                      input %bi : i32[] = "i"
                      input %ba : f32[20] = "acc"
                      input %bp : f32[20] = "p"
                      input %bq : f32[20] = "q"
                      input %bn : i32[] = "n"
                      %one = const() {value=dense<i32[]>[1]} : i32[]
                      %ni = add(%bi, %one) : i32[]
                      %w = const() {value=dense<f32[20]>[W]} : f32[20]
                      %m = mul(%ba, %w) : f32[20]
                      %inner = loop(%m) {carried=1, cond=@icond, body=@ibody} : f32[20]
                        graph @icond {
                          input %v : f32[20] = "v"
                          %s = reduce_sum(%v) {axes=[], keepdims=false} : f32[]
                          %lim = const() {value=dense<f32[]>[100.0]} : f32[]
                          %small = less(%s, %lim) : bool[]
                          return "go" = %small
                        }
                        graph @ibody {
                          input %v : f32[20] = "v"
                          %two = const() {value=dense<f32[]>[2.0]} : f32[]
                          %d = mul(%v, %two) : f32[20]
                          return "v" = %d
                        }
                      %na = add(%inner, %bp) : f32[20]
                      return "i" = %ni, "acc" = %na, "p" = %bq, "q" = %bp
                    }
                  %iv = unsqueeze(%i) {axes=[0]} : i32[1]
                  return "i" = %iv, "acc" = %acc, "p" = %p, "q" = %q
                }
                """.replace("[W]", "[" + W + "]")))
                .input("x", TensorValues.ofFloats(Shape.of(20), 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 1f, 2f, 3f, 4f, 5f,
                        6f, 7f, 8f, 9f, 10f))
                .input("n", TensorValues.ofLongs(DType.I32, Shape.of(), new long[] {3}))
                .reference("""
                        def reference(inputs, w):
                            x, n = inputs["x"], int(inputs["n"])
                            wv = np.array([0.5] + [1.0] * 18 + [2.0], dtype=np.float32)
                            i, acc, p, q = 0, x.copy(), x.copy(), -x
                            while i < n:
                                v = acc * wv
                                while v.sum() < 100:
                                    v = v * np.float32(2)
                                i, acc, p, q = i + 1, v + p, q, p
                            return {"i": np.array([i], dtype=np.int32), "acc": acc, "p": p, "q": q}
                        """)
                .run(tmp);
        String py = Files.readString(r.modelPy());
        assertTrue(py.contains("while bool(go):"), py);
        assertTrue(py.contains("self.const_0"), "the body's 20-element constant is a buffer:\n" + py);
    }
}
