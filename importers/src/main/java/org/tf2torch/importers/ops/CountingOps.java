package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/**
 * Ops that add into bins chosen by the data: Bincount, HistogramFixedWidth, SparseTensorDenseAdd, and the
 * unsorted segment reductions whose segment count is computed at run time. All end in one scatter_nd; the
 * bin count may itself be a run-time value, so results have unknown dims.
 */
final class CountingOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("Bincount", Translator.single(CountingOps::bincount), Op.RESHAPE, Op.GREATER_EQUAL, Op.LESS, Op.AND,
                Op.WHERE, Op.EXPAND, Op.UNSQUEEZE, Op.SCATTER_ND, Op.SLICE);
        r.add("HistogramFixedWidth", Translator.single(CountingOps::histogram), Op.GATHER, Op.SUB, Op.MAX, Op.CAST,
                Op.DIV, Op.MIN, Op.EXPAND, Op.SCATTER_ND);
        r.add("SparseTensorDenseAdd", Translator.single(c -> c.add(Op.SCATTER_ND, List.of(c.input(3), c.input(0),
                c.input(1)), Map.of("reduction", "add"))), Op.SCATTER_ND);
        r.add("InTopK", Translator.single(c -> inTopK(c, c.i64(c.attrInt("k", 1)))), Op.EQUAL, Op.REDUCE_ANY,
                Op.REDUCE_ALL, Op.IS_NAN, Op.IS_INF, Op.WHERE, Op.REDUCE_SUM, Op.GREATER, Op.LESS, Op.AND);
        r.add("InTopKV2", Translator.single(c -> inTopK(c, ArrayOps.asI64(c, c.input(2)))), Op.EQUAL, Op.REDUCE_ANY,
                Op.REDUCE_ALL, Op.IS_NAN, Op.IS_INF, Op.WHERE, Op.REDUCE_SUM, Op.GREATER, Op.LESS, Op.AND);
    }

    /**
     * counts[i] = sum of weights (or 1) over arr == i, for i in [0, size). A value outside that range goes to
     * an extra bin past the end, which is dropped, so it neither counts nor breaks the scatter. Empty weights
     * mean counting; their length must be known to tell.
     */
    private static Value bincount(OpContext c) {
        Value arr = c.add(Op.RESHAPE, c.input(0), c.i64(-1));
        Value size = c.input(1);
        Value weights = c.input(2);
        DType t = c.hasAttr("T") ? c.attrType("T") : weights.dtype();
        boolean counting = weights.shape().isStatic() && weights.shape().numElements() == 0;
        if (!weights.shape().isStatic() && !weights.shape().equals(c.input(0).shape())) {
            throw new TranslationException("Bincount needs weights of a known size, as empty weights mean counting; got "
                    + weights.shape());
        }
        Value bound = UniqueOps.cast(c, size, arr.dtype());
        Value inside = c.add(Op.AND, c.add(Op.GREATER_EQUAL, arr, c.scalar(arr.dtype(), 0)), c.add(Op.LESS, arr, bound));
        Value bin = c.add(Op.WHERE, inside, arr, bound);
        Value add = counting ? c.add(Op.EXPAND, c.scalar(t, 1), c.add(Op.SHAPE, arr))
                : c.add(Op.RESHAPE, weights, c.i64(-1));
        Value slots = c.add(Op.ADD, UniqueOps.cast(c, c.add(Op.RESHAPE, size, c.i64(1)), DType.I64), c.i64(1));
        Value out = scatterAdd(c, c.add(Op.EXPAND, c.scalar(t, 0), slots), bin, add, "add");
        return dropLast(c, out);
    }

    /**
     * TF's bin: ((max(v, lo) - lo) as double / ((hi - lo) as double / nbins)), capped at nbins - 1, truncated.
     * The subtraction stays in the values' dtype and the division in double, as in the kernel.
     */
    private static Value histogram(OpContext c) {
        Value v = c.add(Op.RESHAPE, c.input(0), c.i64(-1));
        Value range = c.input(1);
        Value nbins = c.input(2);
        DType out = c.hasAttr("dtype") ? c.attrType("dtype") : DType.I32;
        Value lo = c.add(Op.GATHER, List.of(range, c.scalar(DType.I64, 0)), Map.of("axis", 0L));
        Value hi = c.add(Op.GATHER, List.of(range, c.scalar(DType.I64, 1)), Map.of("axis", 0L));
        Value bins = UniqueOps.cast(c, nbins, DType.F64);
        Value step = c.add(Op.DIV, UniqueOps.cast(c, c.add(Op.SUB, hi, lo), DType.F64), bins);
        Value shifted = UniqueOps.cast(c, c.add(Op.SUB, c.add(Op.MAX, v, lo), lo), DType.F64);
        Value q = c.add(Op.MIN, c.add(Op.DIV, shifted, step), c.add(Op.SUB, bins, c.scalar(DType.F64, 1)));
        Value bin = c.add(Op.CAST, List.of(q), Map.of("to", DType.I64));
        Value ones = c.add(Op.EXPAND, c.scalar(out, 1), c.add(Op.SHAPE, v));
        Value zeros = c.add(Op.EXPAND, c.scalar(out, 0), UniqueOps.cast(c, c.add(Op.RESHAPE, nbins, c.i64(1)), DType.I64));
        return scatterAdd(c, zeros, bin, ones, "add");
    }

    /**
     * in_top_k as the TF kernel decides it: the target is in range, no prediction of the row is NaN or
     * infinite, and fewer than k classes score strictly higher than the target (ties count as inside).
     */
    private static Value inTopK(OpContext c, Value k) {
        Value pred = c.input(0);
        if (Layout.rank(pred) != 2) throw new TranslationException("InTopK needs [batch, classes] predictions");
        Value target = c.add(Op.UNSQUEEZE, List.of(ArrayOps.asI64(c, c.input(1))), Map.of("axes", new long[] {1}));
        Value classCount = c.add(Op.GATHER, List.of(c.add(Op.SHAPE, pred), c.scalar(DType.I64, 1)), Map.of("axis", 0L));
        Value classes = c.add(Op.RANGE, c.scalar(DType.I64, 0), classCount, c.scalar(DType.I64, 1));
        Value hit = c.add(Op.EQUAL, target, classes);
        Map<String, Object> perRow = Map.of("axes", new long[] {1}, "keepdims", false);
        Value known = c.add(Op.REDUCE_ANY, List.of(hit), perRow);
        Value bad = c.add(Op.OR, c.add(Op.IS_NAN, pred), c.add(Op.IS_INF, pred));
        Value finite = c.add(Op.NOT, c.add(Op.REDUCE_ANY, List.of(bad), perRow));
        // One term is the target's score, the rest are exact zeros: the sum is that score.
        Value score = c.add(Op.REDUCE_SUM, List.of(c.add(Op.WHERE, hit, pred, c.scalar(pred.dtype(), 0))),
                Map.of("axes", new long[] {1}, "keepdims", true));
        Value higher = c.add(Op.REDUCE_SUM, List.of(UniqueOps.cast(c, c.add(Op.GREATER, pred, score), DType.I64)), perRow);
        return c.add(Op.AND, c.add(Op.AND, known, finite), c.add(Op.LESS, higher, k));
    }

    /**
     * Unsorted segment reduction with a run-time segment count: a scatter into num_segments + 1 rows
     * pre-filled with the reduction's identity (TF's value for an empty segment), where negative ids, which
     * TF drops, go to the extra last row.
     */
    static Value unsortedSegment(OpContext c, String reduction, double identity) {
        Value data = c.input(0);
        Value ids = c.input(1);
        int ir = Layout.rank(ids);
        Value count = UniqueOps.cast(c, c.add(Op.RESHAPE, c.input(2), c.i64()), DType.I64);
        Value slots = c.add(Op.ADD, c.add(Op.RESHAPE, count, c.i64(1)), c.i64(1));
        Value rowShape = c.add(Op.SLICE, List.of(c.add(Op.SHAPE, data)), Map.of("starts", new long[] {ir},
                "ends", new long[] {Long.MAX_VALUE}, "axes", new long[] {0}, "steps", new long[] {1}));
        Value init = c.add(Op.EXPAND, c.scalar(data.dtype(), identity),
                c.add(Op.CONCAT, List.of(slots, rowShape), Map.of("axis", 0L)));
        Value id = ArrayOps.asI64(c, ids);
        Value bin = c.add(Op.WHERE, c.add(Op.LESS, id, c.scalar(DType.I64, 0)), count, id);
        return dropLast(c, scatterAdd(c, init, bin, data, reduction));
    }

    /** scatter_nd of {@code updates} at the rows {@code bin} (one index per update row). */
    private static Value scatterAdd(OpContext c, Value into, Value bin, Value updates, String reduction) {
        int r = Layout.rank(bin);
        Value at = c.add(Op.UNSQUEEZE, List.of(ArrayOps.asI64(c, bin)), Map.of("axes", new long[] {r}));
        return c.add(Op.SCATTER_ND, List.of(into, at, updates), Map.of("reduction", reduction));
    }

    private static Value dropLast(OpContext c, Value x) {
        return c.add(Op.SLICE, List.of(x), Map.of("starts", new long[] {0}, "ends", new long[] {-1},
                "axes", new long[] {0}, "steps", new long[] {1}));
    }
}
