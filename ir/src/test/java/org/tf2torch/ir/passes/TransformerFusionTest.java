package org.tf2torch.ir.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tf2torch.ir.IrTesting.assertUnchanged;

import org.junit.jupiter.api.Test;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.IrTesting;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Verifier;
import org.tf2torch.ir.text.IrPrinter;

/** GeluFusion, LayerNormFusion, EinsumProjection and TensordotFolding on the op patterns TF and Keras write. */
class TransformerFusionTest {
    private static final String HEAD = """
            graph @g {
              input %x : f32[batch,6,16] = "x"
            """;

    private static final String GELU_ERF = HEAD + """
              %h = const() {value=dense<f32[]>[0.5]} : f32[]
              %m = mul(%h, %x) : f32[batch,6,16]
              %s = const() {value=dense<f32[]>[%s]} : f32[]
              %z = div(%x, %s) : f32[batch,6,16]
              %e = erf(%z) : f32[batch,6,16]
              %one = const() {value=dense<f32[]>[1.0]} : f32[]
              %a = add(%one, %e) : f32[batch,6,16]
              %y = mul(%m, %a) : f32[batch,6,16]
              return "y" = %y
            }
            """;

    private static Graph run(Pass p, String text) {
        Graph g = IrTesting.parse(text);
        p.run(g);
        Verifier.verify(g);
        return g;
    }

    @Test
    void exactGeluBecomesOneNode() {
        String out = IrPrinter.print(run(new GeluFusion(), GELU_ERF.replace("[%s]", "[1.4142135]")));
        assertTrue(out.contains("gelu(%x) {approximate=\"none\"}"), out);
        assertFalse(out.contains("erf("), out);
    }

    @Test
    void geluWithAnotherConstantStays() {
        assertUnchanged(new GeluFusion(), GELU_ERF.replace("[%s]", "[1.5]"));
    }

    @Test
    void tanhGeluBecomesTheApproximateOne() {
        String out = IrPrinter.print(run(new GeluFusion(), HEAD + """
                  %three = const() {value=dense<f32[]>[3.0]} : f32[]
                  %p = pow(%x, %three) : f32[batch,6,16]
                  %c = const() {value=dense<f32[]>[0.044715]} : f32[]
                  %cp = mul(%c, %p) : f32[batch,6,16]
                  %in = add(%x, %cp) : f32[batch,6,16]
                  %k = const() {value=dense<f32[]>[0.7978846]} : f32[]
                  %kin = mul(%k, %in) : f32[batch,6,16]
                  %t = tanh(%kin) : f32[batch,6,16]
                  %one = const() {value=dense<f32[]>[1.0]} : f32[]
                  %a = add(%one, %t) : f32[batch,6,16]
                  %h = const() {value=dense<f32[]>[0.5]} : f32[]
                  %m = mul(%x, %h) : f32[batch,6,16]
                  %y = mul(%m, %a) : f32[batch,6,16]
                  return "y" = %y
                }
                """));
        assertTrue(out.contains("gelu(%x) {approximate=\"tanh\"}"), out);
    }

    private static final String MOMENTS = HEAD + """
              weight "ln/gamma" : f32[16]
              weight "ln/beta" : f32[16]
              %g = param() {name="ln/gamma"} : f32[16]
              %b = param() {name="ln/beta"} : f32[16]
              %mean = reduce_mean(%x) {axes=[2], keepdims=true} : f32[batch,6,1]
              %d = sub(%x, %mean) : f32[batch,6,16]
              %sq = mul(%d, %d) : f32[batch,6,16]
              %var = reduce_mean(%sq) {axes=[2], keepdims=true} : f32[batch,6,1]
              %eps = const() {value=dense<f32[]>[1.0e-6]} : f32[]
              %ve = add(%var, %eps) : f32[batch,6,1]
              %sd = sqrt(%ve) : f32[batch,6,1]
              %r = reciprocal(%sd) : f32[batch,6,1]
              %inv = mul(%rs, %g) : f32[batch,6,16]
              %xi = mul(%x, %inv) : f32[batch,6,16]
              %mi = mul(%mean, %inv) : f32[batch,6,16]
              %sh = sub(%b, %mi) : f32[batch,6,16]
              %y = add(%xi, %sh) : f32[batch,6,16]
              return "y" = %y
            }
            """;

    @Test
    void momentsAndBatchNormalizationBecomeALayerNorm() {
        Graph g = run(new LayerNormFusion(), MOMENTS.replace("%rs", "%r"));
        String out = IrPrinter.print(g);
        assertTrue(out.contains("layer_norm(%x, %g, %b) {axis=2, epsilon=1.0E-6}"), out);
        assertFalse(out.contains("reduce_mean"), out);
    }

    @Test
    void scalingBySqrtInsteadOfRsqrtStays() {
        assertUnchanged(new LayerNormFusion(), MOMENTS.replace("%rs", "%sd"));
    }

    @Test
    void flattenedLayerNormWithGammaAndBetaFolds() {
        String out = IrPrinter.print(run(new LayerNormFusion(), HEAD + """
                  weight "ln/gamma" : f32[16]
                  weight "ln/beta" : f32[16]
                  %g = param() {name="ln/gamma"} : f32[16]
                  %b = param() {name="ln/beta"} : f32[16]
                  %s4 = const() {value=dense<i64[4]>[1,-1,16,1]} : i64[4]
                  %f = reshape(%x, %s4) : f32[1,?,16,1]
                  %n = layer_norm(%f) {axis=2, epsilon=0.001} : f32[1,?,16,1]
                  %sx = shape(%x) : i64[3]
                  %back = reshape(%n, %sx) : f32[batch,6,16]
                  %m = mul(%back, %g) : f32[batch,6,16]
                  %y = add(%m, %b) : f32[batch,6,16]
                  return "y" = %y
                }
                """));
        assertTrue(out.contains("layer_norm(%x, %g, %b) {axis=2, epsilon=0.001"), out);
        assertFalse(out.contains("reshape"), out);
    }

    @Test
    void einsumDenseBecomesAMatmulOnAMatrixWeight() {
        String text = HEAD + """
                  weight "q/kernel" : f32[16,2,8]
                  weight "q/bias" : f32[2,8]
                  %k = param() {name="q/kernel"} : f32[16,2,8]
                  %b = param() {name="q/bias"} : f32[2,8]
                  %e = einsum(%x, %k) {equation="abc,cde->abde"} : f32[batch,6,2,8]
                  %y = add(%e, %b) : f32[batch,6,2,8]
                  return "y" = %y
                }
                """;
        Graph g = IrTesting.parse(text);
        org.tf2torch.ir.Tensor kernel = g.params().get("q/kernel").data();
        new EinsumProjection().run(g);
        Verifier.verify(g);
        String out = IrPrinter.print(g);
        assertTrue(out.contains("matmul(%x, %k)"), out);
        assertFalse(out.contains("einsum"), out);
        assertEquals(Shape.of(16, 16), g.params().get("q/kernel").data().shape());
        assertTrue(((org.tf2torch.ir.ReshapedTensor) g.params().get("q/kernel").data()).base() == kernel,
                "the kernel's bytes are kept, only viewed as a matrix");
        assertEquals(Shape.of(16), g.params().get("q/bias").data().shape());
        assertTrue(g.outputs().get("y").type().toString().contains("[batch,6,2,8]"), out);
    }

    @Test
    void einsumOfTwoActivationsStays() {
        assertUnchanged(new EinsumProjection(), HEAD + """
                  %e = einsum(%x, %x) {equation="abc,adc->abd"} : f32[batch,6,6]
                  return "y" = %e
                }
                """);
    }

    @Test
    void tensordotOverTheLastAxisIsABatchedMatmul() {
        String out = IrPrinter.print(run(new TensordotFolding(), HEAD + """
                  weight "d/kernel" : f32[16,4]
                  %w = param() {name="d/kernel"} : f32[16,4]
                  %s2 = const() {value=dense<i64[2]>[-1,16]} : i64[2]
                  %f = reshape(%x, %s2) : f32[?,16]
                  %m = matmul(%f, %w) : f32[?,4]
                  %sx = shape(%x) : i64[3]
                  %lead = slice(%sx) {starts=[0], ends=[2], axes=[0], steps=[1]} : i64[2]
                  %four = const() {value=dense<i64[1]>[4]} : i64[1]
                  %s3 = concat(%lead, %four) {axis=0} : i64[3]
                  %y = reshape(%m, %s3) : f32[batch,6,4]
                  return "y" = %y
                }
                """));
        assertTrue(out.contains("matmul(%x, %w) : f32[batch,6,4]"), out);
        assertFalse(out.contains("reshape"), out);
    }
}
