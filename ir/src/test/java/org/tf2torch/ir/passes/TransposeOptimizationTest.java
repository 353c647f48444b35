package org.tf2torch.ir.passes;

import static org.tf2torch.ir.IrTesting.assertPass;
import static org.tf2torch.ir.IrTesting.assertUnchanged;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.IrTesting;

class TransposeOptimizationTest {
    private static void assertSameNumbers(String text, Map<String, MiniInterpreter.Nd> in) {
        Graph before = IrTesting.parse(text);
        Graph after = IrTesting.parse(text);
        MiniInterpreter.randomizeParameters(before, 1);
        MiniInterpreter.randomizeParameters(after, 1);
        new TransposeOptimization().run(after);
        MiniInterpreter.assertClose(MiniInterpreter.run(before, in), MiniInterpreter.run(after, in));
    }

    static final String INVERSE_PAIR = """
            graph @g {
              input %x : f32[2,3,4,5] = "x"
              %t1 = transpose(%x) {perm=[0,3,1,2]} : f32[2,5,3,4]
              %t2 = transpose(%t1) {perm=[0,2,3,1]} : f32[2,3,4,5]
              %y = relu(%t2) : f32[2,3,4,5]
              return "y" = %y
            }
            """;

    @Test
    void inversePairsCancel() {
        assertPass(new TransposeOptimization(), INVERSE_PAIR, """
                graph @g {
                  input %x : f32[2,3,4,5] = "x"
                  %y_2 = relu(%x) : f32[2,3,4,5]
                  return "y" = %y_2
                }
                """);
    }

    static final String COMPOSED = """
            graph @g {
              input %x : f32[2,3,4] = "x"
              %t1 = transpose(%x) {perm=[1,0,2]} : f32[3,2,4]
              %t2 = transpose(%t1) {perm=[0,2,1]} : f32[3,4,2]
              %t3 = transpose(%t2) {perm=[2,1,0]} : f32[2,4,3]
              %y = neg(%t3) : f32[2,4,3]
              return "y" = %y
            }
            """;

    @Test
    void chainsMergeIntoOnePermutation() {
        // [1,0,2] then [0,2,1] is [1,2,0]; then [2,1,0] is [0,2,1]; the neg moves below it
        assertPass(new TransposeOptimization(), COMPOSED, """
                graph @g {
                  input %x : f32[2,3,4] = "x"
                  %y_3 = neg(%x) : f32[2,3,4]
                  %t3_4 = transpose(%y_3) {perm=[0,2,1]} : f32[2,4,3]
                  return "y" = %t3_4
                }
                """);
    }

    static final String BINARY = """
            graph @g {
              input %x : f32[2,3,4,5] = "x"
              input %z : f32[2,3,4,5] = "z"
              weight "bias" : f32[3]
              %bias = param() {name="bias"} : f32[3]
              %s = const() {value=dense<f32[]>[0.5]} : f32[]
              %one = const() {value=dense<f32[1]>[2.0]} : f32[1]
              %xt = transpose(%x) {perm=[0,2,3,1]} : f32[2,4,5,3]
              %zt = transpose(%z) {perm=[0,2,3,1]} : f32[2,4,5,3]
              %a = add(%xt, %bias) : f32[2,4,5,3]
              %m = mul(%s, %a) : f32[2,4,5,3]
              %d = sub(%m, %one) : f32[2,4,5,3]
              %e = max(%zt, %d) : f32[2,4,5,3]
              %back = transpose(%e) {perm=[0,3,1,2]} : f32[2,3,4,5]
              return "y" = %back
            }
            """;

    @Test
    void sinksThroughBinaryOpsWithBiasesScalarsAndMatchingTransposes() {
        // the [3] bias met the last axis of x transposed, which is axis 1 of x: it becomes [1,3,1,1]
        assertPass(new TransposeOptimization(), BINARY, """
                graph @g {
                  input %x : f32[2,3,4,5] = "x"
                  input %z : f32[2,3,4,5] = "z"
                  weight "bias" : f32[3]
                  %bias = param() {name="bias"} : f32[3]
                  %s = const() {value=dense<f32[]>[0.5]} : f32[]
                  %one = const() {value=dense<f32[1]>[2.0]} : f32[1]
                  %shape = const() {value=dense<i64[4]>[1,3,1,1]} : i64[4]
                  %bias_1 = reshape(%bias, %shape) : f32[1,3,1,1]
                  %a_2 = add(%x, %bias_1) : f32[2,3,4,5]
                  %m_4 = mul(%s, %a_2) : f32[2,3,4,5]
                  %d_6 = sub(%m_4, %one) : f32[2,3,4,5]
                  %e_8 = max(%z, %d_6) : f32[2,3,4,5]
                  return "y" = %e_8
                }
                """);
    }

    @Test
    void reductionsReadTheUntransposedValue() {
        // a mean over H and W of NHWC is one over axes 2 and 3 of NCHW, and [N, C] comes out in order either way;
        // a sum over N leaves [H, W, C], which needs a transpose of the [C, H, W] result
        assertPass(new TransposeOptimization(), """
                graph @g {
                  input %x : f32[2,3,4,5] = "x"
                  %t = transpose(%x) {perm=[0,2,3,1]} : f32[2,4,5,3]
                  %m = reduce_mean(%t) {axes=[1,-2], keepdims=false} : f32[2,3]
                  %t2 = transpose(%x) {perm=[0,2,3,1]} : f32[2,4,5,3]
                  %s = reduce_sum(%t2) {axes=[0], keepdims=false} : f32[4,5,3]
                  %t3 = transpose(%x) {perm=[0,2,3,1]} : f32[2,4,5,3]
                  %k = reduce_max(%t3) {axes=[3], keepdims=true} : f32[2,4,5,1]
                  return "m" = %m, "s" = %s, "k" = %k
                }
                """, """
                graph @g {
                  input %x : f32[2,3,4,5] = "x"
                  %m_1 = reduce_mean(%x) {axes=[2,3], keepdims=false} : f32[2,3]
                  %s_2 = reduce_sum(%x) {axes=[0], keepdims=false} : f32[3,4,5]
                  %t2_3 = transpose(%s_2) {perm=[1,2,0]} : f32[4,5,3]
                  %k_4 = reduce_max(%x) {axes=[1], keepdims=true} : f32[2,1,4,5]
                  %t3_5 = transpose(%k_4) {perm=[0,2,3,1]} : f32[2,4,5,1]
                  return "m" = %m_1, "s" = %t2_3, "k" = %t3_5
                }
                """);
    }

    @Test
    void numericsHoldForEveryRewrite() {
        Random r = new Random(3);
        assertSameNumbers(INVERSE_PAIR, Map.of("x", MiniInterpreter.random(r, 2, 3, 4, 5)));
        assertSameNumbers(COMPOSED, Map.of("x", MiniInterpreter.random(r, 2, 3, 4)));
        assertSameNumbers(BINARY, Map.of("x", MiniInterpreter.random(r, 2, 3, 4, 5),
                "z", MiniInterpreter.random(r, 2, 3, 4, 5)));
        assertSameNumbers(PassPipelineTest.TWO_CONV_NHWC, Map.of("x", MiniInterpreter.random(r, 1, 28, 28, 1)));
    }

    @Test
    void outputThatWouldAliasTheInputKeepsAnIdentityTranspose() {
        assertPass(new TransposeOptimization(), """
                graph @g {
                  input %x : f32[2,3] = "x"
                  %t1 = transpose(%x) {perm=[1,0]} : f32[3,2]
                  %t2 = transpose(%t1) {perm=[1,0]} : f32[2,3]
                  return "y" = %t2
                }
                """, """
                graph @g {
                  input %x : f32[2,3] = "x"
                  %t2_1 = transpose(%x) {perm=[0,1]} : f32[2,3]
                  return "y" = %t2_1
                }
                """);
    }

    @Test
    void sharedTransposesAndOutputsStay() {
        assertUnchanged(new TransposeOptimization(), """
                graph @g {
                  input %x : f32[2,3] = "x"
                  %t = transpose(%x) {perm=[1,0]} : f32[3,2]
                  %a = relu(%t) : f32[3,2]
                  %b = neg(%t) : f32[3,2]
                  %u = transpose(%x) {perm=[1,0]} : f32[3,2]
                  %c = sigmoid(%u) : f32[3,2]
                  return "a" = %a, "b" = %b, "u" = %u, "c" = %c
                }
                """);
    }

    @Test
    void operandsThatCannotBeRelaidStay() {
        assertUnchanged(new TransposeOptimization(), """
                graph @g {
                  input %x : f32[2,3] = "x"
                  input %y : f32[3,2] = "y"
                  input %v : f32[batch] = "v"
                  input %w : f32[3,2] = "w"
                  %t = transpose(%x) {perm=[1,0]} : f32[3,2]
                  %a = add(%t, %y) : f32[3,2]
                  %t2 = transpose(%x) {perm=[1,0]} : f32[3,2]
                  %b = mul(%t2, %v) : f32[3,?]
                  %u = transpose(%w) {perm=[1,0]} : f32[2,3]
                  %t3 = transpose(%x) {perm=[1,0]} : f32[3,2]
                  %ws = sub(%t3, %w) : f32[3,2]
                  return "a" = %a, "b" = %b, "ws" = %ws, "u" = %u
                }
                """);
    }
}
