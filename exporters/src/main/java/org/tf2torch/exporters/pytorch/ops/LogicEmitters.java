package org.tf2torch.exporters.pytorch.ops;

import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Tensor;

/**
 * Comparisons, logical and bitwise ops, and where. Comparison and bitwise operators are Python operators in
 * model.py and their aten functions in the archive. A rank-0 constant compared with a float32, float64 or
 * integer tensor becomes a Python scalar ({@code x > 0.5}): torch compares in the tensor's dtype, into which
 * the literal converts exactly.
 */
final class LogicEmitters {
    private LogicEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.EQUAL, ctx -> compare(ctx, "==", "eq", "==", "eq"));
        r.add(Op.NOT_EQUAL, ctx -> compare(ctx, "!=", "ne", "!=", "ne"));
        r.add(Op.LESS, ctx -> compare(ctx, "<", "lt", ">", "gt"));
        r.add(Op.LESS_EQUAL, ctx -> compare(ctx, "<=", "le", ">=", "ge"));
        r.add(Op.GREATER, ctx -> compare(ctx, ">", "gt", "<", "lt"));
        r.add(Op.GREATER_EQUAL, ctx -> compare(ctx, ">=", "ge", "<=", "le"));

        r.add(Op.AND, ctx -> function(ctx, "torch.logical_and"));
        r.add(Op.OR, ctx -> function(ctx, "torch.logical_or"));
        r.add(Op.XOR, ctx -> function(ctx, "torch.logical_xor"));
        r.add(Op.NOT, ctx -> ctx.result("torch.logical_not(" + ctx.operand(0) + ")"));
        r.add(Op.IS_NAN, ctx -> ctx.result("torch.isnan(" + ctx.operand(0) + ")"));
        r.add(Op.IS_INF, ctx -> ctx.result("torch.isinf(" + ctx.operand(0) + ")"));
        r.add(Op.WHERE, ctx -> ctx.result("torch.where(" + ctx.operand(0) + ", " + ctx.operand(1) + ", "
                + ctx.operand(2) + ")"));

        r.add(Op.BITWISE_AND, ctx -> bitwise(ctx, "&", "bitwise_and"));
        r.add(Op.BITWISE_OR, ctx -> bitwise(ctx, "|", "bitwise_or"));
        r.add(Op.BITWISE_XOR, ctx -> bitwise(ctx, "^", "bitwise_xor"));
        r.add(Op.BITWISE_NOT, ctx -> ctx.result(ctx.dialect() == Dialect.EAGER ? "~" + ctx.operand(0)
                : "torch.bitwise_not(" + ctx.operand(0) + ")"));
        r.add(Op.BIT_SHIFT, LogicEmitters::shift);
    }

    private static void function(EmitContext ctx, String fn) {
        ctx.result(fn + "(" + ctx.operand(0) + ", " + ctx.operand(1) + ")");
    }

    private static void bitwise(EmitContext ctx, String operator, String aten) {
        ctx.result(ctx.dialect().binary(operator, aten, ctx.operand(0), ctx.operand(1)));
    }

    /**
     * Signed operands shift arithmetically right, as TF does; the importer has already clamped the shift
     * amount to the width, where C++ and torch leave the result undefined.
     */
    private static void shift(EmitContext ctx) {
        boolean left = ctx.node().attrs().s("direction").equals("LEFT");
        ctx.result(ctx.dialect().binary(left ? "<<" : ">>", left ? "bitwise_left_shift" : "bitwise_right_shift",
                ctx.operand(0), ctx.operand(1)));
    }

    /** {@code a < b}; a scalar first operand is written second with the mirrored comparison. */
    private static void compare(EmitContext ctx, String operator, String aten, String mirrored, String mirroredAten) {
        String s1 = scalar(ctx, 1);
        if (s1 != null) {
            ctx.result(ctx.dialect().binary(operator, aten, ctx.operand(0), s1));
            return;
        }
        String s0 = scalar(ctx, 0);
        if (s0 != null) {
            ctx.result(ctx.dialect().binary(mirrored, mirroredAten, ctx.operand(1), s0));
            return;
        }
        ctx.result(ctx.dialect().binary(operator, aten, ctx.operand(0), ctx.operand(1)));
    }

    private static String scalar(EmitContext ctx, int i) {
        Tensor c = ctx.constant(i);
        if (c == null || c.shape().rank() != 0) return null;
        DType t = c.dtype();
        if (ctx.operandType(1 - i).dtype() != t) return null;
        boolean exact = t == DType.F32 || t == DType.F64 || t.isInteger();
        return exact ? PyLiterals.scalar(c) : null;
    }
}
