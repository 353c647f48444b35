package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Value;

/**
 * AdjustContrastv2 as TF's CPU kernel computes it for float32. The per-channel mean over the image is not a plain
 * mean: the kernel folds the image positions in halves (the second half, or all but the middle position for an odd
 * count, added onto the first) until one is left, then multiplies by 1/(H*W). Repeating those additions in the same
 * tree gives TF's float32 sums bit for bit, which matters when the result is later compared as float64. Output is
 * mean + factor * (x - mean).
 */
final class ContrastMeans {
    private ContrastMeans() {}

    static Value adjustContrast(OpContext c) {
        Value x = c.input(0);
        Value factor = c.input(1);
        if (factor.dtype() != x.dtype()) factor = c.add(Op.CAST, List.of(factor), Map.of("to", x.dtype()));
        Shape s = x.shape();
        int rank = Layout.rank(x);
        if (rank < 3) throw new TranslationException("AdjustContrastv2 needs an input of rank >= 3, got " + s);
        Dim h = s.dim(rank - 3);
        Dim w = s.dim(rank - 2);
        Dim ch = s.dim(rank - 1);
        Value mean;
        Value flat;
        if (x.dtype() == DType.F32 && h.isStatic() && w.isStatic() && ch.isStatic() && h.size() * w.size() > 0) {
            long image = h.size() * w.size();
            flat = c.add(Op.RESHAPE, x, c.i64(-1, image, ch.size()));
            Value sum = foldedSum(c, flat, image);
            mean = c.add(Op.MUL, sum, c.scalar(DType.F32, 1.0f / image));
        } else {
            // Other dtypes run an Eigen mean in TF; torch's mean is as close as it gets.
            flat = x;
            mean = c.add(Op.REDUCE_MEAN, List.of(x), Map.of("axes", new long[] {-3, -2}, "keepdims", true));
        }
        Value y = c.add(Op.ADD, mean, c.add(Op.MUL, factor, c.add(Op.SUB, flat, mean)));
        return flat == x ? y : c.add(Op.RESHAPE, y, c.add(Op.SHAPE, x));
    }

    /** The sum over axis 1 of [B, n, C] by TF's halving folds; result [B, 1, C]. */
    static Value foldedSum(OpContext c, Value flat, long n) {
        Value cur = flat;
        long remaining = n;
        while (remaining > 1) {
            long right = remaining / 2;
            long left = remaining - right;
            Value head = slice(c, cur, 0, right);
            Value tail = slice(c, cur, left, left + right);
            Value summed = c.add(Op.ADD, tail, head);
            cur = left > right ? c.add(Op.CONCAT, List.of(summed, slice(c, cur, right, left)), Map.of("axis", 1L))
                    : summed;
            remaining = left;
        }
        return cur;
    }

    private static Value slice(OpContext c, Value v, long start, long end) {
        return c.add(Op.SLICE, List.of(v), Map.of("starts", new long[] {start}, "ends", new long[] {end},
                "axes", new long[] {1}, "steps", new long[] {1}));
    }
}
