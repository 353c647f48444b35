package org.tf2torch.ir.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tf2torch.ir.IrTesting.assertUnchanged;

import org.junit.jupiter.api.Test;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.IrTesting;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

class ReshapeTargetFoldingTest {
    @Test
    void runTimeTargetWithOneDynamicDimBecomesConstant() {
        Graph g = IrTesting.parse("""
                graph @g {
                  input %x : f32[batch,3,4] = "x"
                  input %t : i64[2] = "t"
                  %y = reshape(%x, %t) : f32[batch,12]
                  return "y" = %y
                }
                """);
        new ReshapeTargetFolding().run(g);
        Value y = g.outputs().get("y");
        Node r = y.producer();
        assertEquals(Op.RESHAPE, r.op());
        Node c = r.input(1).producer();
        assertEquals(Op.CONSTANT, c.op());
        assertArrayEquals(new long[] {-1, 12}, org.tf2torch.ir.TensorValues.toLongs(c.attrs().tensor("value")));
        assertEquals("f32[batch,12]", y.type().toString());
    }

    @Test
    void twoDynamicDimsOrAZeroStay() {
        assertUnchanged(new ReshapeTargetFolding(), """
                graph @g {
                  input %x : f32[batch,n,4] = "x"
                  input %t : i64[3] = "t"
                  %y = reshape(%x, %t) : f32[batch,n,4]
                  return "y" = %y
                }
                """);
        assertUnchanged(new ReshapeTargetFolding(), """
                graph @g {
                  input %x : f32[batch,0,4] = "x"
                  input %t : i64[2] = "t"
                  %y = reshape(%x, %t) : f32[batch,0]
                  return "y" = %y
                }
                """);
    }
}
