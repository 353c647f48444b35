package org.tf2torch.ir.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tf2torch.ir.IrTesting.assertPass;
import static org.tf2torch.ir.IrTesting.assertUnchanged;

import org.junit.jupiter.api.Test;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.IrTesting;
import org.tf2torch.ir.Parameter;
import org.tf2torch.ir.PermutedTensor;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;

class ParameterLayoutFoldingTest {
    static final String HWIO_KERNEL = """
            graph @g {
              input %x : f32[1,2,5,5] = "x"
              weight "conv/kernel" : f32[3,2,2,4]
              %k = param() {name="conv/kernel"} : f32[3,2,2,4]
              %kt = transpose(%k) {perm=[3,2,0,1]} : f32[4,2,3,2]  # tf "conv/Conv2D" "Conv2D"
              %c = conv(%x, %kt) {strides=[1,1], pads=[0,0,0,0], dilations=[1,1], group=1} : f32[1,4,3,4]
              return "y" = %c
            }
            """;

    private static double hwio(int h, int w, int i, int o) { return 1000 * h + 100 * w + 10 * i + o; }

    @Test
    void kernelReadThroughATransposeIsStoredTransposed() {
        Graph g = IrTesting.parse(HWIO_KERNEL);
        double[] v = new double[3 * 2 * 2 * 4];
        int k = 0;
        for (int h = 0; h < 3; h++) for (int w = 0; w < 2; w++) for (int i = 0; i < 2; i++) for (int o = 0; o < 4; o++) {
            v[k++] = hwio(h, w, i, o);
        }
        Tensor hwio = TensorValues.ofDoubles(DType.F32, Shape.of(3, 2, 2, 4), v);
        g.replaceParameter(new Parameter("conv/kernel", hwio, true));
        new ParameterLayoutFolding().run(g);
        org.tf2torch.ir.Verifier.verify(g);
        assertEquals("""
                graph @g {
                  input %x : f32[1,2,5,5] = "x"
                  weight "conv/kernel" : f32[4,2,3,2]
                  %k = param() {name="conv/kernel"} : f32[4,2,3,2]
                  %c = conv(%x, %k) {strides=[1,1], pads=[0,0,0,0], dilations=[1,1], group=1} : f32[1,4,3,4]
                  return "y" = %c
                }
                """, org.tf2torch.ir.text.IrPrinter.print(g));
        Parameter p = g.params().get("conv/kernel");
        assertTrue(p.trainable());
        PermutedTensor oihw = (PermutedTensor) p.data();
        assertSame(hwio, oihw.base(), "the weight is not read until it is written");
        double[] got = TensorValues.toDoubles(oihw);
        k = 0;
        for (int o = 0; o < 4; o++) for (int i = 0; i < 2; i++) for (int h = 0; h < 3; h++) for (int w = 0; w < 2; w++) {
            assertEquals(hwio(h, w, i, o), got[k++], "OIHW " + o + "," + i + "," + h + "," + w);
        }
    }

    @Test
    void everyReaderWithTheSamePermutationGoes() {
        assertPass(new ParameterLayoutFolding(), """
                graph @g {
                  input %x : f32[3,2] = "x"
                  buffer "w" : f32[2,3]
                  %w = param() {name="w"} : f32[2,3]
                  %a = transpose(%w) {perm=[1,0]} : f32[3,2]
                  %b = transpose(%w) {perm=[1,0]} : f32[3,2]
                  %s = add(%a, %x) : f32[3,2]
                  %y = mul(%s, %b) : f32[3,2]
                  return "y" = %y, "wt" = %b
                }
                """, """
                graph @g {
                  input %x : f32[3,2] = "x"
                  buffer "w" : f32[3,2]
                  %w = param() {name="w"} : f32[3,2]
                  %s = add(%w, %x) : f32[3,2]
                  %y = mul(%s, %w) : f32[3,2]
                  return "y" = %y, "wt" = %w
                }
                """);
    }

    @Test
    void mixedReadersKeepTheStoredLayout() {
        assertUnchanged(new ParameterLayoutFolding(), """
                graph @g {
                  input %x : f32[2,3] = "x"
                  input %z : f32[3,2] = "z"
                  weight "direct" : f32[2,3]
                  weight "two_perms" : f32[2,3,4]
                  weight "output" : f32[2,3]
                  weight "twice" : f32[2,3]
                  %d = param() {name="direct"} : f32[2,3]
                  %dt = transpose(%d) {perm=[1,0]} : f32[3,2]
                  %da = add(%d, %x) : f32[2,3]
                  %p = param() {name="two_perms"} : f32[2,3,4]
                  %p1 = transpose(%p) {perm=[1,0,2]} : f32[3,2,4]
                  %p2 = transpose(%p) {perm=[2,0,1]} : f32[4,2,3]
                  %o = param() {name="output"} : f32[2,3]
                  %ot = transpose(%o) {perm=[1,0]} : f32[3,2]
                  %t1 = param() {name="twice"} : f32[2,3]
                  %t2 = param() {name="twice"} : f32[2,3]
                  %t1t = transpose(%t1) {perm=[1,0]} : f32[3,2]
                  %t2a = add(%t2, %x) : f32[2,3]
                  return "dt" = %dt, "da" = %da, "p1" = %p1, "p2" = %p2, "o" = %o, "ot" = %ot, "t1t" = %t1t, "t2a" = %t2a
                }
                """);
    }
}
