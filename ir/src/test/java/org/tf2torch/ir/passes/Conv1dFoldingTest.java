package org.tf2torch.ir.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tf2torch.ir.IrTesting.assertUnchanged;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.IrTesting;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;

class Conv1dFoldingTest {
    /** What the importer makes of tf.nn.conv1d (Keras Conv1D): expand, Conv2D on a unit height, squeeze. */
    static final String KERAS_CONV1D = """
            graph @g {
              input %x : f32[2,12,3] = "x"
              weight "k" : f32[3,3,5]
              %k = param() {name="k"} : f32[3,3,5]
              %xe = unsqueeze(%x) {axes=[1]} : f32[2,1,12,3]
              %ke = unsqueeze(%k) {axes=[0]} : f32[1,3,3,5]
              %xt = transpose(%xe) {perm=[0,3,1,2]} : f32[2,3,1,12]
              %kt = transpose(%ke) {perm=[3,2,0,1]} : f32[5,3,1,3]
              %c = conv(%xt, %kt) {strides=[1,2], pads=[0,1,0,1], dilations=[1,1], group=1} : f32[2,5,1,6]
              %ct = transpose(%c) {perm=[0,2,3,1]} : f32[2,1,6,5]
              %y = squeeze(%ct) {axes=[-3]} : f32[2,6,5]
              return "y" = %y
            }
            """;

    @Test
    void unitHeightConv2dBecomesConv1dWithSingleTransposes() {
        Graph g = IrTesting.parse(KERAS_CONV1D);
        new Conv1dFolding().run(g);
        List<Op> ops = g.nodes().stream().map(Node::op).toList();
        assertEquals(List.of(Op.PARAM, Op.TRANSPOSE, Op.TRANSPOSE, Op.CONV, Op.TRANSPOSE), ops);
        Node conv = g.nodes().stream().filter(n -> n.op() == Op.CONV).findFirst().orElseThrow();
        assertEquals(Shape.of(5, 3, 3), conv.input(1).shape());
        assertEquals(Shape.of(2, 3, 12), conv.input(0).shape());
        assertArrayEquals(new long[] {2}, conv.attrs().ints("strides"));
        assertArrayEquals(new long[] {1, 1}, conv.attrs().ints("pads"));
        assertEquals(Shape.of(2, 6, 5), g.outputs().values().iterator().next().shape());
    }

    @Test
    void aRealHeightStays() {
        assertUnchanged(new Conv1dFolding(), """
                graph @g {
                  input %x : f32[2,3,1,12] = "x"
                  weight "k" : f32[5,3,1,3]
                  %k = param() {name="k"} : f32[5,3,1,3]
                  %c = conv(%x, %k) {strides=[2,1], pads=[0,0,0,0], dilations=[1,1], group=1} : f32[2,5,1,10]
                  return "y" = %c
                }
                """);
    }
}
