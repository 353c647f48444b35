package org.tf2torch.ir.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.tf2torch.ir.IrTesting.assertPass;
import static org.tf2torch.ir.IrTesting.assertUnchanged;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.IrTesting;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.SourceRef;
import org.tf2torch.ir.Value;
import org.tf2torch.ir.Verifier;
import org.tf2torch.ir.text.IrPrinter;

class ConstantFoldingTest {
    @Test
    void shapeOfAStaticValueFeedsAFlatten() {
        // TF's Flatten: shape -> strided slice -> pack with -1 -> reshape
        assertPass(new ConstantFolding(), """
                graph @g {
                  input %x : f32[4,3,2] = "x"
                  %h = relu(%x) : f32[4,3,2]
                  %s = shape(%h) : i64[3]
                  %b = slice(%s) {starts=[0], ends=[1], axes=[0], steps=[1]} : i64[1]
                  %m = const() {value=dense<i64[1]>[-1]} : i64[1]
                  %t = concat(%b, %m) {axis=0} : i64[2]
                  %r = reshape(%h, %t) : f32[?,?]
                  %y = neg(%r) : f32[?,?]
                  return "y" = %y
                }
                """, """
                graph @g {
                  input %x : f32[4,3,2] = "x"
                  %h = relu(%x) : f32[4,3,2]
                  %t_3 = const() {value=dense<i64[2]>[4,-1]} : i64[2]
                  %r = reshape(%h, %t_3) : f32[4,6]
                  %y = neg(%r) : f32[4,6]
                  return "y" = %y
                }
                """);
    }

    @Test
    void integerRemaindersFoldWithTheirSignRule() {
        // FloorMod takes the divisor's sign, TruncateMod (fmod) the dividend's; a zero divisor stays for run time.
        assertPass(new ConstantFolding(), """
                graph @g {
                  %a = const() {value=dense<i32[4]>[7,-7,7,-7]} : i32[4]
                  %b = const() {value=dense<i32[4]>[3,3,-3,-3]} : i32[4]
                  %f = mod(%a, %b) : i32[4]
                  %t = mod(%a, %b) {fmod=true} : i32[4]
                  %z = const() {value=dense<i32[]>[0]} : i32[]
                  %d = mod(%a, %z) : i32[4]
                  return "f" = %f, "t" = %t, "d" = %d
                }
                """, """
                graph @g {
                  %a = const() {value=dense<i32[4]>[7,-7,7,-7]} : i32[4]
                  %f_1 = const() {value=dense<i32[4]>[1,2,-2,-1]} : i32[4]
                  %t_2 = const() {value=dense<i32[4]>[1,-1,1,-1]} : i32[4]
                  %z = const() {value=dense<i32[]>[0]} : i32[]
                  %d = mod(%a, %z) {fmod=false} : i32[4]
                  return "f" = %f_1, "t" = %t_2, "d" = %d
                }
                """);
    }

    @Test
    void floatArithmeticIsLeftToPyTorch() {
        // Folding is for shape arithmetic; float math on constants must run in the converted model.
        assertUnchanged(new ConstantFolding(), """
                graph @g {
                  %a = const() {value=dense<f32[2,2]>[1.0,2.0,3.0,4.0]} : f32[2,2]
                  %b = const() {value=dense<f32[2]>[10.0,-20.0]} : f32[2]
                  %add = add(%a, %b) : f32[2,2]
                  %sub = sub(%b, %a) : f32[2,2]
                  %mul = mul(%a, %a) : f32[2,2]
                  %div = div(%a, %b) : f32[2,2]
                  %pow = pow(%a, %a) : f32[2,2]
                  %nan = const() {value=dense<f32[2]>[nan,1.0]} : f32[2]
                  %max = max(%nan, %b) : f32[2]
                  %min = min(%a, %b) : f32[2,2]
                  %neg = neg(%b) : f32[2]
                  %sqrt = sqrt(%a) : f32[2,2]
                  %clip = clip(%b) {min=-5.0, max=5.0} : f32[2]
                  %rec = reciprocal(%b) : f32[2]
                  %relu = relu(%b) : f32[2]
                  return "add" = %add, "sub" = %sub, "mul" = %mul, "div" = %div, "pow" = %pow, "max" = %max, "min" = %min, "neg" = %neg, "sqrt" = %sqrt, "clip" = %clip, "rec" = %rec, "relu" = %relu
                }
                """);
    }

    @Test
    void integerDivisionTruncatesTowardZero() {
        assertPass(new ConstantFolding(), """
                graph @g {
                  %a = const() {value=dense<i64[4]>[-7,7,-7,7]} : i64[4]
                  %b = const() {value=dense<i64[4]>[2,2,-2,-2]} : i64[4]
                  %q = div(%a, %b) : i64[4]
                  %c = const() {value=dense<i32[2]>[2147483647,-9]} : i32[2]
                  %d = const() {value=dense<i32[2]>[1,4]} : i32[2]
                  %wrap = add(%c, %d) : i32[2]
                  %q32 = div(%c, %d) : i32[2]
                  %f = const() {value=dense<f32[3]>[1.7,-1.7,300.0]} : f32[3]
                  %cast = cast(%f) {to=i32} : i32[3]
                  %cu8 = cast(%f) {to=u8} : u8[3]
                  return "q" = %q, "wrap" = %wrap, "q32" = %q32, "cast" = %cast, "cu8" = %cu8
                }
                """, """
                graph @g {
                  %q_1 = const() {value=dense<i64[4]>[-3,3,3,-3]} : i64[4]
                  %wrap_2 = const() {value=dense<i32[2]>[-2147483648,-5]} : i32[2]
                  %q32_3 = const() {value=dense<i32[2]>[2147483647,-2]} : i32[2]
                  %cast_4 = const() {value=dense<i32[3]>[1,-1,300]} : i32[3]
                  %cu8_5 = const() {value=dense<u8[3]>[1,255,44]} : u8[3]
                  return "q" = %q_1, "wrap" = %wrap_2, "q32" = %q32_3, "cast" = %cast_4, "cu8" = %cu8_5
                }
                """);
    }

    @Test
    void comparisonsAndLogicFoldToBool() {
        // A TF1 cond's predicate must be known at import for the untaken branch to be pruned.
        assertPass(new ConstantFolding(), """
                graph @g {
                  %a = const() {value=dense<i32[]>[6]} : i32[]
                  %b = const() {value=dense<i32[3]>[2,6,9]} : i32[3]
                  %lt = less(%a, %b) : bool[3]
                  %ge = greater_equal(%a, %b) : bool[3]
                  %f = const() {value=dense<f32[3]>[nan,-0.0,1.5]} : f32[3]
                  %z = const() {value=dense<f32[]>[0.0]} : f32[]
                  %eq = equal(%f, %z) : bool[3]
                  %ne = not_equal(%f, %z) : bool[3]
                  %both = and(%lt, %ne) : bool[3]
                  %not = not(%both) : bool[3]
                  return "lt" = %lt, "ge" = %ge, "eq" = %eq, "not" = %not
                }
                """, """
                graph @g {
                  %lt_1 = const() {value=dense<bool[3]>[0,0,1]} : bool[3]
                  %ge_2 = const() {value=dense<bool[3]>[1,1,0]} : bool[3]
                  %eq_3 = const() {value=dense<bool[3]>[0,1,0]} : bool[3]
                  %not_6 = const() {value=dense<bool[3]>[1,1,0]} : bool[3]
                  return "lt" = %lt_1, "ge" = %ge_2, "eq" = %eq_3, "not" = %not_6
                }
                """);
    }

    @Test
    void integerDivisionByZeroIsLeftForRunTime() {
        assertUnchanged(new ConstantFolding(), """
                graph @g {
                  %a = const() {value=dense<i64[2]>[1,2]} : i64[2]
                  %b = const() {value=dense<i64[2]>[1,0]} : i64[2]
                  %q = div(%a, %b) : i64[2]
                  return "q" = %q
                }
                """);
    }

    @Test
    void layoutOpsOnConstants() {
        assertPass(new ConstantFolding(), """
                graph @g {
                  %a = const() {value=dense<i32[2,2]>[1,2,3,4]} : i32[2,2]
                  %b = const() {value=dense<i32[2,1]>[5,6]} : i32[2,1]
                  %c = concat(%a, %b) {axis=1} : i32[2,3]
                  %t = transpose(%c) {perm=[1,0]} : i32[3,2]
                  %rev = slice(%t) {starts=[-1], ends=[-100], axes=[0], steps=[-2]} : i32[2,2]
                  %first = slice(%t) {starts=[-100], ends=[-100], axes=[0], steps=[-1]} : i32[1,2]
                  %cols = slice(%t) {starts=[1], ends=[9223372036854775807], axes=[1], steps=[1]} : i32[3,1]
                  %sq = squeeze(%cols) {axes=[1]} : i32[3]
                  %un = unsqueeze(%sq) {axes=[0]} : i32[1,3]
                  %shape = const() {value=dense<i64[2]>[2,3]} : i64[2]
                  %ex = expand(%un, %shape) : i32[2,3]
                  %rows = concat(%a, %a, %a) {axis=0} : i32[6,2]
                  return "t" = %t, "rev" = %rev, "first" = %first, "ex" = %ex, "rows" = %rows
                }
                """, """
                graph @g {
                  %t_2 = const() {value=dense<i32[3,2]>[1,3,2,4,5,6]} : i32[3,2]
                  %rev_3 = const() {value=dense<i32[2,2]>[5,6,1,3]} : i32[2,2]
                  %first_4 = const() {value=dense<i32[1,2]>[1,3]} : i32[1,2]
                  %ex_8 = const() {value=dense<i32[2,3]>[3,4,6,3,4,6]} : i32[2,3]
                  %rows_9 = const() {value=dense<i32[6,2]>[1,2,3,4,1,2,3,4,1,2,3,4]} : i32[6,2]
                  return "t" = %t_2, "rev" = %rev_3, "first" = %first_4, "ex" = %ex_8, "rows" = %rows_9
                }
                """);
    }

    @Test
    void nothingRunTimeIsFolded() {
        assertUnchanged(new ConstantFolding(), """
                graph @g {
                  input %x : f32[batch,3] = "x"
                  weight "w" : f32[3]
                  %s = shape(%x) : i64[2]
                  %w = param() {name="w"} : f32[3]
                  %two = const() {value=dense<f32[]>[2.0]} : f32[]
                  %w2 = mul(%w, %two) : f32[3]
                  %x2 = add(%x, %two) : f32[batch,3]
                  %sig = sigmoid(%two) : f32[]
                  return "s" = %s, "w2" = %w2, "x2" = %x2, "sig" = %sig
                }
                """);
    }

    @Test
    void foldValueForImporters() {
        Graph g = IrTesting.parse("""
                graph @g {
                  input %x : f32[2,5] = "x"
                  %s = shape(%x) : i64[2]
                  %five = const() {value=dense<i64[1]>[5]} : i64[1]
                  %n = slice(%s) {starts=[1], ends=[2], axes=[0], steps=[1]} : i64[1]
                  %p = add(%n, %five) : i64[1]
                  return "x" = %x
                }
                """);
        Value p = g.nodes().get(3).output();
        Value folded = ConstantFolding.foldValue(g, p);
        assertSame(folded, ConstantFolding.foldValue(g, folded));
        g.setOutput("r", g.add(Op.RESHAPE, List.of(g.inputs().get(0), folded), Map.of(), SourceRef.NONE, "r").output());
        Verifier.verify(g);
        assertEquals("""
                graph @g {
                  input %x : f32[2,5] = "x"
                  %s = shape(%x) : i64[2]
                  %s_1 = const() {value=dense<i64[2]>[2,5]} : i64[2]
                  %five = const() {value=dense<i64[1]>[5]} : i64[1]
                  %n = slice(%s_1) {starts=[1], ends=[2], axes=[0], steps=[1]} : i64[1]
                  %n_2 = const() {value=dense<i64[1]>[5]} : i64[1]
                  %p = add(%n_2, %five) : i64[1]
                  %p_3 = const() {value=dense<i64[1]>[10]} : i64[1]
                  %r = reshape(%x, %p_3) : f32[10]
                  return "x" = %x, "r" = %r
                }
                """, IrPrinter.print(g));
    }

    @Test
    void foldValueLeavesRunTimeValues() {
        Graph g = IrTesting.parse("""
                graph @g {
                  input %x : f32[batch,5] = "x"
                  %s = shape(%x) : i64[2]
                  return "s" = %s
                }
                """);
        Value s = g.outputs().get("s");
        assertSame(s, ConstantFolding.foldValue(g, s));
        assertSame(g.inputs().get(0), ConstantFolding.foldValue(g, g.inputs().get(0)));
    }
}
