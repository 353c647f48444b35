package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Value;

/**
 * MirrorPad in SYMMETRIC mode, which repeats the border element (torch's reflect padding, like ONNX's, does not).
 * Each padded axis becomes one gather with constant indices that mirror positions -begin .. n+end-1 into 0 .. n-1,
 * which is exact for any rank but needs the padded dims to be static.
 */
final class MirrorPads {
    private MirrorPads() {}

    static Value symmetric(OpContext c) {
        Value x = c.input(0);
        long[] p = c.constInts(1);
        int rank = Layout.rank(x);
        if (p.length != 2 * rank) {
            throw new TranslationException("paddings must be [" + rank + ", 2] for a rank-" + rank + " input");
        }
        Shape s = x.shape();
        Value cur = x;
        for (int axis = 0; axis < rank; axis++) {
            long before = p[2 * axis];
            long after = p[2 * axis + 1];
            if (before == 0 && after == 0) continue;
            Dim d = s.dim(axis);
            if (!d.isStatic()) {
                throw new TranslationException("MirrorPad SYMMETRIC needs a static size on padded axis " + axis
                        + ", got " + s);
            }
            long n = d.size();
            if (before < 0 || after < 0 || before > n || after > n) {
                throw new TranslationException("MirrorPad SYMMETRIC paddings on axis " + axis + " must be in [0, "
                        + n + "], got " + before + " and " + after);
            }
            cur = c.add(Op.GATHER, List.of(cur, c.i64(indices(n, before, after))), Map.of("axis", (long) axis));
        }
        return cur;
    }

    /** Source index of each output position along one axis. */
    static long[] indices(long n, long before, long after) {
        long[] idx = new long[Math.toIntExact(before + n + after)];
        for (int k = 0; k < idx.length; k++) {
            long pos = k - before;
            idx[k] = pos < 0 ? -pos - 1 : pos >= n ? 2 * n - 1 - pos : pos;
        }
        return idx;
    }
}
