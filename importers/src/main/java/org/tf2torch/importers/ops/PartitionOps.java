package org.tf2torch.importers.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * Ops that pick or place rows by run-time data: the coordinates of true elements (one-input Where),
 * DynamicPartition and DynamicStitch. Their result sizes are known only when the model runs, so they are
 * built on non_zero and scatter_nd and carry unknown dims.
 */
final class PartitionOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("DynamicPartition", PartitionOps::dynamicPartition, Op.RESHAPE, Op.EQUAL, Op.NON_ZERO, Op.SQUEEZE,
                Op.GATHER);
        Op[] stitch = {Op.RESHAPE, Op.CONCAT, Op.REDUCE_MAX, Op.RANGE, Op.EXPAND, Op.SCATTER_ND, Op.GATHER, Op.WHERE};
        r.add("DynamicStitch", Translator.single(PartitionOps::stitch), stitch);
        // Parallel: TF leaves the winner among repeated indices unspecified; the last one is a valid choice.
        r.add("ParallelDynamicStitch", Translator.single(PartitionOps::stitch), stitch);
    }

    /** TF Where(x): int64 [n, rank] coordinates of the non-zero elements in row-major order. */
    static Value coordinates(OpContext c, Value x) {
        Value nz = c.add(Op.NON_ZERO, x);
        return c.add(Op.TRANSPOSE, List.of(nz), Map.of("perm", new long[] {1, 0}));
    }

    /** The i64 positions, in order, of the true elements of a 1-D bool tensor. */
    static Value truePositions(OpContext c, Value mask) {
        return c.add(Op.SQUEEZE, List.of(c.add(Op.NON_ZERO, mask)), Map.of("axes", new long[] {0}));
    }

    /**
     * {@code x} with its first {@code lead} dims merged into one: the trailing dims must be static, as they
     * become literal sizes of the reshape.
     */
    static Value mergeLeading(OpContext c, Value x, int lead, String what) {
        Shape s = x.shape();
        if (!s.hasRank() || s.rank() < lead) throw new TranslationException(what + " needs a rank of at least " + lead + ", got " + s);
        if (lead == 1) return x;
        long[] target = new long[s.rank() - lead + 1];
        target[0] = -1;
        for (int i = lead; i < s.rank(); i++) {
            Dim d = s.dim(i);
            if (!d.isStatic()) throw new TranslationException(what + " needs static trailing dims, got " + s);
            target[i - lead + 1] = d.size();
        }
        return c.add(Op.RESHAPE, x, c.i64(target));
    }

    /**
     * Output i holds the rows of data (over the partitions' dims) whose partition is i, in order. Ids outside
     * [0, num_partitions) match no output (TF rejects them).
     */
    private static List<Value> dynamicPartition(OpContext c) {
        Value data = c.input(0);
        Value parts = c.input(1);
        int pr = Layout.rank(parts);
        long n = c.attrInt("num_partitions", 1);
        Value flatParts = pr == 1 ? parts : c.add(Op.RESHAPE, parts, c.i64(-1));
        Value rows = mergeLeading(c, data, pr, "DynamicPartition");
        List<Value> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            Value pick = truePositions(c, c.add(Op.EQUAL, flatParts, c.scalar(parts.dtype(), i)));
            out.add(c.add(Op.GATHER, List.of(rows, pick), Map.of("axis", 0L)));
        }
        return out;
    }

    /**
     * merged[indices[m][i]] = data[m][i]. All index/row pairs are concatenated in (m, i) order; the result has
     * max(index) + 1 rows. A scatter with reduction max records, per output row, the last position that writes
     * it (TF DynamicStitch: later pairs win), and one gather fetches those rows. A row no index names is zero.
     */
    private static Value stitch(OpContext c) {
        int n = c.numInputs() / 2;
        if (n == 0 || c.numInputs() != 2 * n) throw new TranslationException("expected N indices and N data inputs");
        long[] rest = null;
        List<Value> idx = new ArrayList<>();
        List<Value> rows = new ArrayList<>();
        for (int m = 0; m < n; m++) {
            Value im = c.input(m);
            Value dm = c.input(n + m);
            int ir = Layout.rank(im);
            Shape ds = dm.shape();
            if (!ds.hasRank() || ds.rank() < ir) throw new TranslationException("data " + m + " has shape " + ds);
            long[] tail = new long[ds.rank() - ir];
            for (int k = 0; k < tail.length; k++) {
                if (!ds.dim(ir + k).isStatic()) throw new TranslationException("DynamicStitch needs static row shapes, got " + ds);
                tail[k] = ds.dim(ir + k).size();
            }
            if (rest != null && !Arrays.equals(rest, tail)) throw new TranslationException("data rows differ in shape");
            rest = tail;
            idx.add(c.add(Op.RESHAPE, ArrayOps.asI64(c, im), c.i64(-1)));
            long[] target = new long[tail.length + 1];
            target[0] = -1;
            System.arraycopy(tail, 0, target, 1, tail.length);
            rows.add(c.add(Op.RESHAPE, dm, c.i64(target)));
        }
        Value allIdx = n == 1 ? idx.get(0) : c.add(Op.CONCAT, idx, Map.of("axis", 0L));
        Value allRows = n == 1 ? rows.get(0) : c.add(Op.CONCAT, rows, Map.of("axis", 0L));
        // The -1 makes the row count 0, not an error, when there are no indices at all.
        Value withFloor = c.add(Op.CONCAT, List.of(allIdx, c.i64(-1)), Map.of("axis", 0L));
        Value last = c.add(Op.REDUCE_MAX, List.of(withFloor), Map.of("axes", new long[] {0}, "keepdims", true));
        Value count = c.add(Op.ADD, last, c.i64(1));
        Value total = c.add(Op.SQUEEZE, List.of(c.add(Op.SHAPE, allIdx)), Map.of("axes", new long[] {0}));
        Value positions = c.add(Op.RANGE, c.scalar(DType.I64, 0), total, c.scalar(DType.I64, 1));
        Value none = c.add(Op.EXPAND, c.scalar(DType.I64, -1), count);
        Value at = c.add(Op.UNSQUEEZE, List.of(allIdx), Map.of("axes", new long[] {1}));
        Value winner = c.add(Op.SCATTER_ND, List.of(none, at, positions), Map.of("reduction", "max"));
        Value found = c.add(Op.GREATER_EQUAL, winner, c.scalar(DType.I64, 0));
        Value picked = c.add(Op.GATHER, List.of(allRows, c.add(Op.MAX, winner, c.scalar(DType.I64, 0))), Map.of("axis", 0L));
        if (rest.length > 0) {
            long[] axes = new long[rest.length];
            for (int k = 0; k < axes.length; k++) axes[k] = k + 1;
            found = c.add(Op.UNSQUEEZE, List.of(found), Map.of("axes", axes));
        }
        return c.add(Op.WHERE, found, picked, c.scalar(allRows.dtype(), 0));
    }

    /** A 1-D constant of the given integer dtype. */
    static Value ints(OpContext c, DType t, long... v) {
        return c.constant(TensorValues.ofLongs(t, Shape.of(v.length), v));
    }
}
