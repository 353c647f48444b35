package org.tf2torch.importers.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/**
 * TF {@code StridedSlice} with all five masks, lowered to one SLICE over the input's axes followed by
 * UNSQUEEZE for new axes and SQUEEZE for shrunk ones. Begin, end and strides must be constants.
 */
final class StridedSlices {
    private StridedSlices() {}

    static Value translate(OpContext c) {
        Value x = c.input(0);
        int rank = Layout.rank(x);
        long[] begin = c.constInts(1);
        long[] end = c.constInts(2);
        long[] strides = c.constInts(3);
        long beginMask = c.attrInt("begin_mask", 0);
        long endMask = c.attrInt("end_mask", 0);
        long ellipsisMask = c.attrInt("ellipsis_mask", 0);
        long newAxisMask = c.attrInt("new_axis_mask", 0);
        long shrinkMask = c.attrInt("shrink_axis_mask", 0);
        int n = begin.length;
        int specAxes = 0;
        for (int i = 0; i < n; i++) if (!bit(newAxisMask, i) && !bit(ellipsisMask, i)) specAxes++;
        List<Long> starts = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        List<Long> axes = new ArrayList<>();
        List<Long> steps = new ArrayList<>();
        List<Long> newAxes = new ArrayList<>();
        List<Long> shrink = new ArrayList<>();
        int inAxis = 0;
        int outAxis = 0;
        for (int i = 0; i < n; i++) {
            if (bit(ellipsisMask, i)) {
                int skip = rank - specAxes;
                inAxis += skip;
                outAxis += skip;
                continue;
            }
            if (bit(newAxisMask, i)) {
                newAxes.add((long) outAxis++);
                continue;
            }
            if (inAxis >= rank) throw new TranslationException("slice spec has more axes than the input's rank " + rank);
            long s = strides[i];
            if (s == 0) throw new TranslationException("stride 0");
            if (bit(shrinkMask, i)) {
                long b = begin[i];
                starts.add(b);
                ends.add(b == -1 ? Long.MAX_VALUE : b + 1);
                steps.add(1L);
                axes.add((long) inAxis);
                shrink.add((long) inAxis);
                inAxis++;
                continue;
            }
            boolean fwd = s > 0;
            starts.add(bit(beginMask, i) ? (fwd ? 0 : Long.MAX_VALUE) : begin[i]);
            ends.add(bit(endMask, i) ? (fwd ? Long.MAX_VALUE : Long.MIN_VALUE) : end[i]);
            steps.add(s);
            axes.add((long) inAxis);
            inAxis++;
            outAxis++;
        }
        Value y = x;
        if (!axes.isEmpty() && !isFullSlice(starts, ends, steps)) {
            y = c.add(Op.SLICE, List.of(x), Map.of("starts", arr(starts), "ends", arr(ends), "axes", arr(axes),
                    "steps", arr(steps)));
        }
        // Squeeze axes are input axes; unsqueeze positions were counted in the final output, where shrunk
        // axes are gone and new axes present.
        if (!shrink.isEmpty()) y = c.add(Op.SQUEEZE, List.of(y), Map.of("axes", arr(shrink)));
        if (!newAxes.isEmpty()) y = c.add(Op.UNSQUEEZE, List.of(y), Map.of("axes", arr(newAxes)));
        return y == x ? c.add(Op.IDENTITY, x) : y;
    }

    private static boolean isFullSlice(List<Long> starts, List<Long> ends, List<Long> steps) {
        for (int i = 0; i < starts.size(); i++) {
            if (starts.get(i) != 0 || ends.get(i) != Long.MAX_VALUE || steps.get(i) != 1) return false;
        }
        return true;
    }

    private static boolean bit(long mask, int i) { return (mask & (1L << i)) != 0; }

    private static long[] arr(List<Long> l) { return l.stream().mapToLong(Long::longValue).toArray(); }
}
