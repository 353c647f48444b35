package org.tf2torch.ir.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.IrTesting;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.PermutedTensor;
import org.tf2torch.ir.Verifier;
import org.tf2torch.ir.text.IrPrinter;

class PassPipelineTest {
    /** Two Keras Conv2D layers and a MaxPool as the importer brings them in from NHWC. */
    static final String TWO_CONV_NHWC = """
            graph @cnn {
              input %x : f32[batch,28,28,1] = "x"
              weight "conv1/kernel" : f32[3,3,1,8]
              weight "conv1/bias" : f32[8]
              weight "conv2/kernel" : f32[3,3,8,16]
              weight "conv2/bias" : f32[16]
              %k1 = param() {name="conv1/kernel"} : f32[3,3,1,8]
              %b1 = param() {name="conv1/bias"} : f32[8]
              %k2 = param() {name="conv2/kernel"} : f32[3,3,8,16]
              %b2 = param() {name="conv2/bias"} : f32[16]
              %x_nchw = transpose(%x) {perm=[0,3,1,2]} : f32[batch,1,28,28]  # tf "conv1/Conv2D" "Conv2D"
              %k1_oihw = transpose(%k1) {perm=[3,2,0,1]} : f32[8,1,3,3]  # tf "conv1/Conv2D" "Conv2D"
              %c1 = conv(%x_nchw, %k1_oihw) {strides=[1,1], pads=[1,1,1,1], dilations=[1,1], group=1} : f32[batch,8,28,28]  # tf "conv1/Conv2D" "Conv2D"
              %c1_nhwc = transpose(%c1) {perm=[0,2,3,1]} : f32[batch,28,28,8]  # tf "conv1/Conv2D" "Conv2D"
              %a1 = add(%c1_nhwc, %b1) : f32[batch,28,28,8]  # tf "conv1/BiasAdd" "BiasAdd"
              %r1 = relu(%a1) : f32[batch,28,28,8]  # tf "conv1/Relu" "Relu"
              %r1_nchw = transpose(%r1) {perm=[0,3,1,2]} : f32[batch,8,28,28]  # tf "pool/MaxPool" "MaxPool"
              %p = max_pool(%r1_nchw) {kernel_shape=[2,2], strides=[2,2], pads=[0,0,0,0]} : f32[batch,8,14,14]  # tf "pool/MaxPool" "MaxPool"
              %p_nhwc = transpose(%p) {perm=[0,2,3,1]} : f32[batch,14,14,8]  # tf "pool/MaxPool" "MaxPool"
              %p_nchw = transpose(%p_nhwc) {perm=[0,3,1,2]} : f32[batch,8,14,14]  # tf "conv2/Conv2D" "Conv2D"
              %k2_oihw = transpose(%k2) {perm=[3,2,0,1]} : f32[16,8,3,3]  # tf "conv2/Conv2D" "Conv2D"
              %c2 = conv(%p_nchw, %k2_oihw) {strides=[1,1], pads=[1,1,1,1], dilations=[1,1], group=1} : f32[batch,16,14,14]  # tf "conv2/Conv2D" "Conv2D"
              %c2_nhwc = transpose(%c2) {perm=[0,2,3,1]} : f32[batch,14,14,16]  # tf "conv2/Conv2D" "Conv2D"
              %a2 = add(%c2_nhwc, %b2) : f32[batch,14,14,16]  # tf "conv2/BiasAdd" "BiasAdd"
              %r2 = relu(%a2) : f32[batch,14,14,16]  # tf "conv2/Relu" "Relu"
              return "out" = %r2
            }
            """;

    static final String TWO_CONV_NCHW_INSIDE = """
            graph @cnn {
              input %x : f32[batch,28,28,1] = "x"
              weight "conv1/kernel" : f32[8,1,3,3]
              weight "conv1/bias" : f32[8]
              weight "conv2/kernel" : f32[16,8,3,3]
              weight "conv2/bias" : f32[16]
              %k1 = param() {name="conv1/kernel"} : f32[8,1,3,3]
              %b1 = param() {name="conv1/bias"} : f32[8]
              %k2 = param() {name="conv2/kernel"} : f32[16,8,3,3]
              %b2 = param() {name="conv2/bias"} : f32[16]
              %x_nchw = transpose(%x) {perm=[0,3,1,2]} : f32[batch,1,28,28]  # tf "conv1/Conv2D" "Conv2D"
              %a1_14 = conv(%x_nchw, %k1, %b1) {strides=[1,1], pads=[1,1,1,1], dilations=[1,1], group=1} : f32[batch,8,28,28]  # tf "conv1/Conv2D" "Conv2D"
              %r1_4 = relu(%a1_14) : f32[batch,8,28,28]  # tf "conv1/Relu" "Relu"
              %p = max_pool(%r1_4) {kernel_shape=[2,2], strides=[2,2], pads=[0,0,0,0]} : f32[batch,8,14,14]  # tf "pool/MaxPool" "MaxPool"
              %a2_15 = conv(%p, %k2, %b2) {strides=[1,1], pads=[1,1,1,1], dilations=[1,1], group=1} : f32[batch,16,14,14]  # tf "conv2/Conv2D" "Conv2D"
              %r2_12 = relu(%a2_15) : f32[batch,16,14,14]  # tf "conv2/Relu" "Relu"
              %c2_nhwc_13 = transpose(%r2_12) {perm=[0,2,3,1]} : f32[batch,14,14,16]  # tf "conv2/Conv2D" "Conv2D"
              return "out" = %c2_nhwc_13
            }
            """;

    /** The acceptance test of the pass set: no layout change is left between the first and the last conv. */
    @Test
    void twoConvStackFromNhwcKeepsOnlyTheOuterTransposes() {
        Graph g = IrTesting.parse(TWO_CONV_NHWC);
        PassPipeline.standard(true).run(g);
        Verifier.verify(g);
        assertEquals(TWO_CONV_NCHW_INSIDE, IrPrinter.print(g));

        List<Node> nodes = g.nodes();
        List<Integer> transposes = new ArrayList<>();
        List<Integer> convs = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).op() == Op.TRANSPOSE) transposes.add(i);
            if (nodes.get(i).op() == Op.CONV) convs.add(i);
        }
        assertEquals(2, transposes.size());
        assertEquals(2, convs.size());
        assertTrue(transposes.get(0) < convs.get(0) && convs.get(1) < transposes.get(1));
        for (int c : convs) assertEquals(3, nodes.get(c).inputs().size(), "bias fused into the conv");
        assertTrue(g.params().get("conv1/kernel").data() instanceof PermutedTensor);
    }

    @Test
    void pipelineIsIdempotent() {
        Graph g = IrTesting.parse(TWO_CONV_NHWC);
        PassPipeline.standard(true).run(g);
        String once = IrPrinter.print(g);
        PassPipeline.standard(true).run(g);
        assertEquals(once, IrPrinter.print(g));
        for (Pass p : List.of(new IdentityRemoval(), new ConstantFolding(), new TransposeOptimization(),
                new ParameterLayoutFolding(), new ConvBiasFusion(), new DeadCodeElimination())) {
            assertFalse(p.run(g), p.name() + " still finds work");
        }
    }

    @Test
    void twoConvStackComputesTheSameBeforeAndAfter() {
        Graph before = IrTesting.parse(TWO_CONV_NHWC);
        Graph after = IrTesting.parse(TWO_CONV_NHWC);
        MiniInterpreter.randomizeParameters(before, 42);
        MiniInterpreter.randomizeParameters(after, 42);
        PassPipeline.standard(true).run(after);
        Map<String, MiniInterpreter.Nd> in = Map.of("x", MiniInterpreter.random(new Random(7), 2, 28, 28, 1));
        Map<String, MiniInterpreter.Nd> want = MiniInterpreter.run(before, in);
        assertArrayEquals(new long[] {2, 14, 14, 16}, want.get("out").shape());
        MiniInterpreter.assertClose(want, MiniInterpreter.run(after, in));
    }

    @Test
    void verifyingPipelineNamesThePassThatBrokeTheGraph() {
        Pass breaker = new Pass() {
            @Override
            public boolean run(Graph g) {
                g.nodes().get(0).output().setType(org.tf2torch.ir.TensorType.parse("f32[9]"));
                return true;
            }

            @Override
            public String name() { return "Breaker"; }
        };
        Graph g = IrTesting.parse("""
                graph @g {
                  input %x : f32[2] = "x"
                  %y = relu(%x) : f32[2]
                  return "y" = %y
                }
                """);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new PassPipeline(List.of(breaker), true).run(g));
        assertTrue(e.getMessage().startsWith("after pass Breaker: IR graph @g is invalid"), e.getMessage());
    }
}
