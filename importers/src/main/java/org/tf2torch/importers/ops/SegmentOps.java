package org.tf2torch.importers.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * Segment reductions as masked reductions: row i of the data goes to segment ids[i]; a [S, N, 1...] mask
 * (ids == s) selects each segment's rows out of the data broadcast to [S, N, ...], the others become the
 * reduction's identity, and the N axis is reduced. Exact for min/max/prod order aside, and needs no scatter.
 */
final class SegmentOps implements OpFamily {
    private enum Kind { SUM, PROD, MAX, MIN, MEAN }

    @Override
    public void register(OpRegistry r) {
        for (Kind k : Kind.values()) {
            String name = k.name().charAt(0) + k.name().substring(1).toLowerCase();
            Op[] lowering = {Op.EQUAL, Op.WHERE, Op.UNSQUEEZE, reduction(k), Op.REDUCE_ANY, Op.REDUCE_SUM, Op.DIV};
            r.add("Segment" + name, Translator.single(c -> sorted(c, k)), lowering);
            Op[] scattered = java.util.Arrays.copyOf(lowering, lowering.length + 1);
            scattered[lowering.length] = Op.SCATTER_ND; // a run-time num_segments
            if (k != Kind.MEAN) r.add("UnsortedSegment" + name, Translator.single(c -> unsorted(c, k)), scattered);
        }
    }

    private static Op reduction(Kind k) {
        switch (k) {
            case PROD: return Op.REDUCE_PROD;
            case MAX: return Op.REDUCE_MAX;
            case MIN: return Op.REDUCE_MIN;
            default: return Op.REDUCE_SUM;
        }
    }

    /** Sorted ids: as many segments as the last id + 1, and an empty segment is 0 whatever the reduction. */
    private static Value sorted(OpContext c, Kind k) {
        long[] ids = c.constInts(1);
        long segments = 0;
        for (long id : ids) segments = Math.max(segments, id + 1);
        return segment(c, k, segments, true);
    }

    /** Unsorted: num_segments given; an empty segment is the identity (0, 1, lowest, highest), as TF fills it. */
    private static Value unsorted(OpContext c, Kind k) {
        long[] n;
        try {
            n = c.constInts(2);
        } catch (TranslationException computed) {
            String reduction = k == Kind.SUM ? "add" : k == Kind.PROD ? "mul" : k == Kind.MAX ? "max" : "min";
            return CountingOps.unsortedSegment(c, reduction, identity(k, c.input(0).dtype()));
        }
        if (n.length != 1) throw new TranslationException("num_segments must be a single value");
        return segment(c, k, n[0], false);
    }

    private static Value segment(OpContext c, Kind k, long segments, boolean emptyIsZero) {
        Value data = c.input(0);
        Value ids = c.input(1);
        int idRank = Layout.rank(ids);
        if (idRank != 1) {
            // ids covering several leading dims: flatten those dims of both.
            Shape s = data.shape();
            if (!s.isStatic()) throw new TranslationException("segment ids of rank " + idRank + " need a static data shape");
            List<Long> flat = new ArrayList<>(List.of(-1L));
            for (int i = idRank; i < s.rank(); i++) flat.add(s.dim(i).size());
            data = c.add(Op.RESHAPE, data, c.i64(flat.stream().mapToLong(Long::longValue).toArray()));
            ids = c.add(Op.RESHAPE, ids, c.i64(-1));
        }
        int rank = Layout.rank(data);
        DType t = data.dtype();
        // ids as [1, N, 1...] against 0..S-1 as [S, 1, 1...]: the mask is [S, N, 1...].
        long[] idAxes = new long[rank];
        for (int i = 0; i < rank; i++) idAxes[i] = i == 0 ? 0 : i + 1;
        Value idCol = c.add(Op.UNSQUEEZE, List.of(ids), Map.of("axes", idAxes));
        long[] segShape = new long[rank + 1];
        java.util.Arrays.fill(segShape, 1);
        segShape[0] = segments;
        long[] range = new long[(int) segments];
        for (int i = 0; i < range.length; i++) range[i] = i;
        Value seg = c.constant(TensorValues.ofLongs(ids.dtype(), Shape.of(segShape), range));
        Value mask = c.add(Op.EQUAL, idCol, seg);
        Value rows = c.add(Op.UNSQUEEZE, List.of(data), Map.of("axes", new long[] {0}));
        Map<String, Object> overRows = Map.of("axes", new long[] {1}, "keepdims", false);
        Value y;
        switch (k) {
            case MEAN: {
                Value sum = c.add(Op.REDUCE_SUM, List.of(c.add(Op.WHERE, mask, rows, c.scalar(t, 0))), overRows);
                Value ones = c.add(Op.WHERE, mask, c.scalar(t, 1), c.scalar(t, 0));
                Value count = c.add(Op.REDUCE_SUM, List.of(ones), overRows);
                // An empty segment divides 0 by 1, giving TF's 0.
                y = c.add(Op.DIV, sum, c.add(Op.MAX, count, c.scalar(t, 1)));
                return y;
            }
            default:
                y = c.add(reduction(k), List.of(c.add(Op.WHERE, mask, rows, c.scalar(t, identity(k, t)))), overRows);
        }
        if (emptyIsZero && (k == Kind.MAX || k == Kind.MIN)) {
            Value any = c.add(Op.REDUCE_ANY, List.of(mask), overRows);
            y = c.add(Op.WHERE, any, y, c.scalar(t, 0));
        }
        return y;
    }

    /** The value an empty segment reduces to: TF's numeric_limits lowest/highest for max/min, not infinities. */
    static double identity(Kind k, DType t) {
        switch (k) {
            case PROD: return 1;
            case MAX: return lowest(t);
            case MIN: return t == DType.U8 ? 255 : -lowest(t) - (t.isInteger() ? 1 : 0);
            default: return 0;
        }
    }

    private static double lowest(DType t) {
        switch (t) {
            case F64: return -Double.MAX_VALUE;
            case F32: return -Float.MAX_VALUE;
            case F16: return -65504.0;
            case I32: return Integer.MIN_VALUE;
            case I64: return Long.MIN_VALUE;
            case I16: return Short.MIN_VALUE;
            case I8: return Byte.MIN_VALUE;
            case U8: return 0;
            default: throw new TranslationException("segment min/max of " + t + " is not supported");
        }
    }
}
