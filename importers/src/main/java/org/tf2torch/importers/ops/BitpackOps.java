package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * CompareAndBitpack: {@code x > threshold} along the last axis, eight results to a uint8, the first one in the
 * most significant bit. Lowered to a compare, a reshape to [..., n/8, 8] and a sum of bit weights, which is
 * exact in uint8 because the eight weights are distinct powers of two.
 */
final class BitpackOps implements OpFamily {
    private static final long[] WEIGHTS = {128, 64, 32, 16, 8, 4, 2, 1};

    @Override
    public void register(OpRegistry r) {
        r.add("CompareAndBitpack", Translator.single(BitpackOps::compareAndBitpack), Op.GREATER, Op.CAST,
                Op.RESHAPE, Op.MUL, Op.REDUCE_SUM);
    }

    private static Value compareAndBitpack(OpContext c) {
        Value x = c.input(0);
        Shape s = x.shape();
        int rank = Layout.rank(x);
        if (rank == 0) throw new TranslationException("CompareAndBitpack needs an input of rank >= 1, got a scalar");
        Dim last = s.dim(rank - 1);
        if (!last.isStatic()) {
            throw new TranslationException("CompareAndBitpack needs a static last dimension, got " + s);
        }
        if (last.size() % 8 != 0) {
            throw new TranslationException("CompareAndBitpack's last dimension must be a multiple of 8, got " + s);
        }
        // TF ignores the threshold of a bool input and packs the values themselves.
        Value bits = x.dtype() == DType.BOOL ? x : c.add(Op.GREATER, x, c.input(1));
        Value bytes = c.add(Op.CAST, List.of(bits), Map.of("to", DType.U8));
        Value groups = c.add(Op.RESHAPE, bytes, groupShape(c, x, last.size() / 8));
        Value weights = c.constant(TensorValues.ofLongs(DType.U8, Shape.of(8), WEIGHTS));
        Value weighted = c.add(Op.MUL, groups, weights);
        return c.add(Op.REDUCE_SUM, List.of(weighted), Map.of("axes", new long[] {-1}, "keepdims", false));
    }

    /** x's leading dims, then [groups, 8]: a constant when they are static, else read from x's shape. */
    private static Value groupShape(OpContext c, Value x, long groups) {
        Shape s = x.shape();
        int rank = s.rank();
        long[] lead = new long[rank - 1];
        int dynamic = 0;
        for (int i = 0; i < rank - 1; i++) {
            if (!s.dim(i).isStatic()) dynamic++;
            lead[i] = s.dim(i).isStatic() ? s.dim(i).size() : -1;
        }
        long[] tail = {groups, 8};
        // One unknown leading dim is reshape's -1; more are read from x's shape.
        if (dynamic <= 1) {
            long[] all = java.util.Arrays.copyOf(lead, rank + 1);
            all[rank - 1] = groups;
            all[rank] = 8;
            return c.i64(all);
        }
        Value shape = c.add(Op.SHAPE, x);
        Value head = c.add(Op.SLICE, List.of(shape), Map.of("starts", new long[] {0}, "ends", new long[] {rank - 1},
                "axes", new long[] {0}, "steps", new long[] {1}));
        return c.add(Op.CONCAT, List.of(head, c.i64(tail)), Map.of("axis", 0L));
    }
}
