package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/** Ragged tensor kernels, as their (splits, values) tensors. */
final class RaggedOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("RaggedRange", RaggedOps::raggedRange, Op.EXPAND, Op.SUB, Op.DIV, Op.ABS, Op.CEIL, Op.WHERE, Op.CAST,
                Op.CUMSUM, Op.CONCAT, Op.REDUCE_SUM, Op.RANGE, Op.GREATER_EQUAL, Op.GATHER, Op.ADD, Op.MUL, Op.RESHAPE,
                Op.SHAPE, Op.GREATER, Op.LESS, Op.AND, Op.OR, Op.UNSQUEEZE);
    }

    /**
     * One range per row, start[i] + j * delta[i] for j below the row's size; scalars broadcast over the rows.
     * Sizes follow the TF kernel: 0 when delta points away from the limit, else ceil(|limit - start| / |delta|)
     * (integer divup for integers, ceil(|(limit - start) / delta|) for floats). Each value's row is the number
     * of row ends at or before its position. TF accumulates {@code value += delta} for floats, which can differ
     * from start + j * delta in the last bits; integers are exact.
     */
    private static List<Value> raggedRange(OpContext c) {
        Value[] v = {c.input(0), c.input(1), c.input(2)};
        Value ref = null;
        for (Value x : v) {
            int r = Layout.rank(x);
            if (r > 1) throw new TranslationException("RaggedRange needs scalar or 1-D inputs, got " + x.shape());
            if (r == 1) ref = x;
        }
        for (int i = 0; i < 3; i++) {
            if (ref == null) v[i] = c.add(Op.RESHAPE, v[i], c.i64(1));
            else if (Layout.rank(v[i]) == 0) v[i] = c.add(Op.EXPAND, v[i], c.add(Op.SHAPE, ref));
        }
        Value start = v[0];
        Value limit = v[1];
        Value delta = v[2];
        DType t = start.dtype();
        DType splitType = c.hasAttr("Tsplits") ? c.attrType("Tsplits") : DType.I64;
        Value zero = c.scalar(t, 0);
        Value diff = c.add(Op.SUB, limit, start);
        Value size;
        if (t.isFloating()) {
            size = c.add(Op.CEIL, c.add(Op.ABS, c.add(Op.DIV, diff, delta)));
        } else {
            Value step = c.add(Op.ABS, delta);
            Value up = c.add(Op.SUB, c.add(Op.ADD, c.add(Op.ABS, diff), step), c.scalar(t, 1));
            size = c.add(Op.DIV, up, step); // both non-negative: truncation is floor
        }
        Value away = c.add(Op.OR,
                c.add(Op.AND, c.add(Op.GREATER, delta, zero), c.add(Op.LESS, limit, start)),
                c.add(Op.AND, c.add(Op.LESS, delta, zero), c.add(Op.GREATER, limit, start)));
        Value sizes = UniqueOps.cast(c, c.add(Op.WHERE, away, zero, size), splitType);
        Value ends = c.add(Op.CUMSUM, List.of(sizes), Map.of("axis", 0L));
        Value splits = c.add(Op.CONCAT, List.of(PartitionOps.ints(c, splitType, 0), ends), Map.of("axis", 0L));
        Value total = c.add(Op.REDUCE_SUM, List.of(sizes), Map.of("axes", new long[] {0}, "keepdims", false));
        Value pos = c.add(Op.RANGE, c.scalar(splitType, 0), total, c.scalar(splitType, 1));
        Value passed = c.add(Op.GREATER_EQUAL, c.add(Op.UNSQUEEZE, List.of(pos), Map.of("axes", new long[] {1})),
                c.add(Op.UNSQUEEZE, List.of(ends), Map.of("axes", new long[] {0})));
        Value row = c.add(Op.REDUCE_SUM, List.of(UniqueOps.cast(c, passed, DType.I64)),
                Map.of("axes", new long[] {1}, "keepdims", false));
        Value offset = c.add(Op.SUB, pos, c.add(Op.GATHER, List.of(splits, row), Map.of("axis", 0L)));
        Value step = c.add(Op.MUL, UniqueOps.cast(c, offset, t), c.add(Op.GATHER, List.of(delta, row), Map.of("axis", 0L)));
        Value values = c.add(Op.ADD, c.add(Op.GATHER, List.of(start, row), Map.of("axis", 0L)), step);
        return List.of(splits, values);
    }
}
