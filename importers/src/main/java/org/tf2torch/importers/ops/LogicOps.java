package org.tf2torch.importers.ops;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/** Comparisons, logical and bitwise ops, and select/where. Element-wise math functions are in {@link MathFunctionOps}. */
final class LogicOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        binary(r, "Equal", Op.EQUAL);
        binary(r, "NotEqual", Op.NOT_EQUAL);
        binary(r, "Less", Op.LESS);
        binary(r, "LessEqual", Op.LESS_EQUAL);
        binary(r, "Greater", Op.GREATER);
        binary(r, "GreaterEqual", Op.GREATER_EQUAL);
        binary(r, "LogicalAnd", Op.AND);
        binary(r, "LogicalOr", Op.OR);
        unary(r, "LogicalNot", Op.NOT);
        unary(r, "IsNan", Op.IS_NAN);
        unary(r, "IsInf", Op.IS_INF);
        r.add("IsFinite", Translator.single(c -> c.add(Op.NOT, c.add(Op.OR, c.add(Op.IS_NAN, c.input(0)),
                c.add(Op.IS_INF, c.input(0))))), Op.IS_NAN, Op.IS_INF, Op.OR, Op.NOT);

        binary(r, "BitwiseAnd", Op.BITWISE_AND);
        binary(r, "BitwiseOr", Op.BITWISE_OR);
        binary(r, "BitwiseXor", Op.BITWISE_XOR);
        unary(r, "Invert", Op.BITWISE_NOT);
        r.add("LeftShift", Translator.single(c -> shift(c, "LEFT")), Op.CLIP, Op.BIT_SHIFT);
        r.add("RightShift", Translator.single(c -> shift(c, "RIGHT")), Op.CLIP, Op.BIT_SHIFT);

        r.add("Select", Translator.single(LogicOps::select), Op.RESHAPE, Op.WHERE);
        r.add("SelectV2", Translator.single(c -> c.add(Op.WHERE, c.input(0), c.input(1), c.input(2))), Op.WHERE);
        r.add("Where", Translator.single(c -> {
            // One input: the coordinates of the true elements (a data-dependent shape).
            if (c.numInputs() == 1) return PartitionOps.coordinates(c, c.input(0));
            return c.add(Op.WHERE, c.input(0), c.input(1), c.input(2));
        }), Op.WHERE, Op.NON_ZERO, Op.TRANSPOSE);
    }

    private static void binary(OpRegistry r, String tf, Op op) {
        r.add(tf, Translator.single(c -> c.add(op, c.input(0), c.input(1))), op);
    }

    private static void unary(OpRegistry r, String tf, Op op) {
        r.add(tf, Translator.single(c -> c.add(op, c.input(0))), op);
    }

    /**
     * TF clamps the shift amount to [0, bits - 1]; C++ (and torch, which differs between versions) leave a
     * negative or too wide shift undefined, so the clamp is explicit.
     */
    private static Value shift(OpContext c, String direction) {
        Value x = c.input(0);
        DType t = x.dtype();
        if (!t.isInteger()) throw new TranslationException("bit shift of " + t);
        Value amount = c.add(Op.CLIP, List.of(c.input(1)), Map.of("min", 0.0, "max", (double) (t.byteSize() * 8 - 1)));
        return c.add(Op.BIT_SHIFT, List.of(x, amount), Map.of("direction", direction));
    }

    /** TF Select (v1): a vector condition picks whole rows of higher-rank operands; otherwise shapes match. */
    private static Value select(OpContext c) {
        Value cond = c.input(0);
        Value x = c.input(1);
        if (cond.shape().hasRank() && cond.shape().rank() == 1 && !(x.shape().hasRank() && x.shape().rank() <= 1)) {
            long[] shape = new long[Layout.rank(x)];
            Arrays.fill(shape, 1);
            shape[0] = -1;
            cond = c.add(Op.RESHAPE, cond, c.i64(shape));
        }
        return c.add(Op.WHERE, cond, x, c.input(2));
    }
}
