package org.tf2torch.ir.passes;

import static org.tf2torch.ir.IrTesting.assertPass;
import static org.tf2torch.ir.IrTesting.assertUnchanged;

import org.junit.jupiter.api.Test;

class DeadCodeEliminationTest {
    @Test
    void dropsUnreachableNodesAndUnreadParameters() {
        assertPass(new DeadCodeElimination(), """
                graph @g {
                  input %x : f32[2] = "x"
                  input %unused : f32[3] = "unused"
                  weight "used" : f32[2]
                  weight "never_read" : f32[7]
                  buffer "read_by_dead_code" : f32[2]
                  %u = param() {name="used"} : f32[2]
                  %d = param() {name="read_by_dead_code"} : f32[2]
                  %a = add(%x, %u) : f32[2]
                  %dead1 = mul(%x, %d) : f32[2]
                  %dead2 = relu(%dead1) : f32[2]
                  %dead3 = add(%dead2, %a) : f32[2]
                  return "a" = %a
                }
                """, """
                graph @g {
                  input %x : f32[2] = "x"
                  input %unused : f32[3] = "unused"
                  weight "used" : f32[2]
                  %u = param() {name="used"} : f32[2]
                  %a = add(%x, %u) : f32[2]
                  return "a" = %a
                }
                """);
    }

    @Test
    void keepsUnreadParametersOfTheModelStructure() {
        assertPass(new DeadCodeElimination(), """
                graph @g {
                  input %x : f32[2] = "x"
                  weight "other/kernel" : f32[2] at ["other", "kernel"]
                  weight "flat" : f32[2]
                  %k = param() {name="other/kernel"} : f32[2]
                  %dead = add(%x, %k) : f32[2]
                  return "x" = %x
                }
                """, """
                graph @g {
                  input %x : f32[2] = "x"
                  weight "other/kernel" : f32[2] at ["other", "kernel"]
                  return "x" = %x
                }
                """);
    }

    @Test
    void keepsEverythingAnOutputNeeds() {
        assertUnchanged(new DeadCodeElimination(), """
                graph @g {
                  input %x : f32[2] = "x"
                  weight "w" : f32[2]
                  %w = param() {name="w"} : f32[2]
                  %c = const() {value=dense<f32[]>[2.0]} : f32[]
                  %a = mul(%x, %c) : f32[2]
                  %b = add(%a, %w) : f32[2]
                  return "b" = %b, "w" = %w, "x" = %x
                }
                """);
    }

    @Test
    void noOutputsMeansNothingLives() {
        assertPass(new DeadCodeElimination(), """
                graph @g {
                  input %x : f32[2] = "x"
                  weight "w" : f32[2]
                  %w = param() {name="w"} : f32[2]
                  %a = add(%x, %w) : f32[2]
                  return
                }
                """, """
                graph @g {
                  input %x : f32[2] = "x"
                  return
                }
                """);
    }
}
