package org.tf2torch.ir.passes;

import static org.tf2torch.ir.IrTesting.assertPass;
import static org.tf2torch.ir.IrTesting.assertUnchanged;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.IrTesting;

class TransposeSinksTest {
    /** A UNet skip: two channels-first results go channels-last, join on axis -1 and go back for the next conv. */
    static final String SKIP = """
            graph @g {
              input %a : f32[2,3,4,5] = "a"
              input %b : f32[2,2,4,5] = "b"
              %ta = transpose(%a) {perm=[0,2,3,1]} : f32[2,4,5,3]
              %tb = transpose(%b) {perm=[0,2,3,1]} : f32[2,4,5,2]
              %c = concat(%ta, %tb) {axis=-1} : f32[2,4,5,5]
              %back = transpose(%c) {perm=[0,3,1,2]} : f32[2,5,4,5]
              %y = relu(%back) : f32[2,5,4,5]
              return "y" = %y
            }
            """;

    @Test
    void concatOfLikeTransposesJoinsChannelsFirstAndTheRoundTripCancels() {
        assertPass(new TransposeOptimization(), SKIP, """
                graph @g {
                  input %a : f32[2,3,4,5] = "a"
                  input %b : f32[2,2,4,5] = "b"
                  %c_1 = concat(%a, %b) {axis=1} : f32[2,5,4,5]
                  %y_4 = relu(%c_1) : f32[2,5,4,5]
                  return "y" = %y_4
                }
                """);
    }

    @Test
    void theRewriteKeepsTheNumbers() {
        Random r = new Random(7);
        Map<String, MiniInterpreter.Nd> in = Map.of("a", MiniInterpreter.random(r, 2, 3, 4, 5),
                "b", MiniInterpreter.random(r, 2, 2, 4, 5));
        Graph before = IrTesting.parse(SKIP);
        Graph after = IrTesting.parse(SKIP);
        new TransposeOptimization().run(after);
        MiniInterpreter.assertClose(MiniInterpreter.run(before, in), MiniInterpreter.run(after, in));
    }

    @Test
    void mixedPermutationsSharedTransposesAndPlainOperandsStay() {
        assertUnchanged(new TransposeOptimization(), """
                graph @g {
                  input %a : f32[2,3,4,5] = "a"
                  input %b : f32[2,4,5,2] = "b"
                  %ta = transpose(%a) {perm=[0,2,3,1]} : f32[2,4,5,3]
                  %plain = concat(%ta, %b) {axis=3} : f32[2,4,5,5]
                  %tc = transpose(%a) {perm=[0,3,2,1]} : f32[2,5,4,3]
                  %td = transpose(%a) {perm=[0,2,3,1]} : f32[2,4,5,3]
                  %mixed = concat(%tc, %td) {axis=0} : f32[4,5,4,3]
                  %te = transpose(%a) {perm=[0,2,3,1]} : f32[2,4,5,3]
                  %shared = concat(%te, %te) {axis=3} : f32[2,4,5,6]
                  return "plain" = %plain, "mixed" = %mixed, "shared" = %shared
                }
                """);
    }
}
