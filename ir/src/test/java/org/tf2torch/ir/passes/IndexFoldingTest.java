package org.tf2torch.ir.passes;

import static org.tf2torch.ir.IrTesting.assertPass;
import static org.tf2torch.ir.IrTesting.assertUnchanged;

import org.junit.jupiter.api.Test;

class IndexFoldingTest {
    /** An axis chosen from a shape (TF: Sum over ArgMin(Shape(x))) becomes a constant. */
    @Test
    void argMinOfAConstantShapeFolds() {
        assertPass(new ConstantFolding(), """
                graph @g {
                  %s = const() {value=dense<i32[3]>[4,2,2]} : i32[3]
                  %a = arg_min(%s) {axis=0} : i64[]
                  %b = arg_max(%s) {axis=-1} : i64[]
                  return "a" = %a, "b" = %b
                }
                """, """
                graph @g {
                  %a_1 = const() {value=dense<i64[]>[1]} : i64[]
                  %b_2 = const() {value=dense<i64[]>[0]} : i64[]
                  return "a" = %a_1, "b" = %b_2
                }
                """);
    }

    @Test
    void argMaxPerRowOfAMatrix() {
        assertPass(new ConstantFolding(), """
                graph @g {
                  %s = const() {value=dense<i64[2,3]>[1,5,5,9,0,9]} : i64[2,3]
                  %a = arg_max(%s) {axis=1} : i64[2]
                  %b = arg_min(%s) {axis=0} : i64[3]
                  return "a" = %a, "b" = %b
                }
                """, """
                graph @g {
                  %a_1 = const() {value=dense<i64[2]>[1,0]} : i64[2]
                  %b_2 = const() {value=dense<i64[3]>[0,1,0]} : i64[3]
                  return "a" = %a_1, "b" = %b_2
                }
                """);
    }

    @Test
    void floatDataStaysInTheModel() {
        assertUnchanged(new ConstantFolding(), """
                graph @g {
                  %s = const() {value=dense<f32[3]>[4.0,2.0,2.0]} : f32[3]
                  %a = arg_min(%s) {axis=0} : i64[]
                  return "a" = %a
                }
                """);
    }
}
