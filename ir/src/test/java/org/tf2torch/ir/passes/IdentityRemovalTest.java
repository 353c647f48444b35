package org.tf2torch.ir.passes;

import static org.tf2torch.ir.IrTesting.assertPass;
import static org.tf2torch.ir.IrTesting.assertUnchanged;

import org.junit.jupiter.api.Test;

class IdentityRemovalTest {
    @Test
    void bypassesIdentitiesAndNoOpLayoutNodes() {
        assertPass(new IdentityRemoval(), """
                graph @g {
                  input %x : f32[2,3] = "x"
                  %i = identity(%x) : f32[2,3]
                  %t = transpose(%i) {perm=[0,1]} : f32[2,3]
                  %c = cast(%t) {to=f32} : f32[2,3]
                  %s = const() {value=dense<i64[2]>[2,3]} : i64[2]
                  %r = reshape(%c, %s) : f32[2,3]
                  %e = expand(%r, %s) : f32[2,3]
                  %y = relu(%e) : f32[2,3]
                  %z = identity(%y) : f32[2,3]
                  return "y" = %z
                }
                """, """
                graph @g {
                  input %x : f32[2,3] = "x"
                  %s = const() {value=dense<i64[2]>[2,3]} : i64[2]
                  %y = relu(%x) : f32[2,3]
                  return "y" = %y
                }
                """);
    }

    @Test
    void keepsAnOutputThatWouldAliasAnInputOrAnotherOutput() {
        assertPass(new IdentityRemoval(), """
                graph @g {
                  input %x : f32[2] = "x"
                  %copy = identity(%x) : f32[2]
                  %y = relu(%x) : f32[2]
                  %y2 = identity(%y) : f32[2]
                  %w = identity(%y) : f32[2]
                  %v = neg(%w) : f32[2]
                  return "copy" = %copy, "y" = %y, "y2" = %y2, "v" = %v
                }
                """, """
                graph @g {
                  input %x : f32[2] = "x"
                  %copy = identity(%x) : f32[2]
                  %y = relu(%x) : f32[2]
                  %y2 = identity(%y) : f32[2]
                  %v = neg(%y) : f32[2]
                  return "copy" = %copy, "y" = %y, "y2" = %y2, "v" = %v
                }
                """);
    }

    @Test
    void realLayoutChangesStay() {
        assertUnchanged(new IdentityRemoval(), """
                graph @g {
                  input %x : f32[2,3] = "x"
                  input %b : f32[batch,3] = "b"
                  %t = transpose(%x) {perm=[1,0]} : f32[3,2]
                  %c = cast(%t) {to=f16} : f16[3,2]
                  %s = const() {value=dense<i64[2]>[6,1]} : i64[2]
                  %r = reshape(%x, %s) : f32[6,1]
                  %s2 = const() {value=dense<i64[2]>[-1,3]} : i64[2]
                  %rb = reshape(%b, %s2) : f32[batch,3]
                  return "c" = %c, "r" = %r, "rb" = %rb
                }
                """);
    }
}
