package org.tf2torch.importers.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * Diagonals and bands of matrices, and the block rearrangements between space, depth and batch. Everything
 * is selection (WHERE with a constant mask) or reshape/transpose, never arithmetic, so values (NaN, -0.0)
 * pass through unchanged. Matrix sizes must be static; leading batch sizes may be dynamic.
 */
final class MatrixOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("MatrixDiag", Translator.single(c -> diag(c, c.input(0))), Op.UNSQUEEZE, Op.WHERE);
        r.add("MatrixDiagPart", Translator.single(c -> diagPart(c, c.input(0))), Op.RESHAPE, Op.SLICE);
        r.add("MatrixSetDiag", Translator.single(MatrixOps::setDiag), Op.PAD, Op.UNSQUEEZE, Op.WHERE);
        r.add("MatrixBandPart", Translator.single(MatrixOps::bandPart), Op.WHERE);
        r.add("Diag", Translator.single(MatrixOps::tfDiag), Op.RESHAPE, Op.UNSQUEEZE, Op.WHERE);
        r.add("DiagPart", Translator.single(MatrixOps::tfDiagPart), Op.RESHAPE, Op.SLICE);
        r.add("SpaceToBatchND", Translator.single(MatrixOps::spaceToBatch), Op.PAD, Op.RESHAPE, Op.TRANSPOSE);
        r.add("BatchToSpaceND", Translator.single(MatrixOps::batchToSpace), Op.RESHAPE, Op.TRANSPOSE, Op.SLICE);
        r.add("DepthToSpace", Translator.single(c -> depthSpace(c, true)), Op.RESHAPE, Op.TRANSPOSE);
        r.add("SpaceToDepth", Translator.single(c -> depthSpace(c, false)), Op.RESHAPE, Op.TRANSPOSE);
    }

    private static long staticDim(Value x, int i, String what) {
        Dim d = x.shape().dim(i);
        if (!d.isStatic()) throw new TranslationException(what + " needs static matrix sizes, got " + x.shape());
        return d.size();
    }

    /** A constant bool [m, n] mask. */
    private static Value mask(OpContext c, long m, long n, java.util.function.BiPredicate<Long, Long> on) {
        long[] v = new long[(int) (m * n)];
        for (long i = 0; i < m; i++) for (long j = 0; j < n; j++) v[(int) (i * n + j)] = on.test(i, j) ? 1 : 0;
        return c.constant(TensorValues.ofLongs(DType.BOOL, Shape.of(m, n), v));
    }

    /** [..., k] → [..., k, k] with the values on the diagonal: row i of x[..., :, None] is x[i]. */
    private static Value diag(OpContext c, Value x) {
        long k = staticDim(x, -1, "MatrixDiag");
        Value col = c.add(Op.UNSQUEEZE, List.of(x), Map.of("axes", new long[] {-1}));
        return c.add(Op.WHERE, mask(c, k, k, Long::equals), col, c.scalar(x.dtype(), 0));
    }

    /** [..., m, n] → [..., min(m, n)]: entry (i, i) is element i * (n + 1) of the flattened matrix. */
    private static Value diagPart(OpContext c, Value x) {
        int r = Layout.rank(x);
        long m = staticDim(x, -2, "MatrixDiagPart");
        long n = staticDim(x, -1, "MatrixDiagPart");
        long k = Math.min(m, n);
        long[] flat = leading(x, r - 2, m * n);
        Value f = c.add(Op.RESHAPE, x, c.i64(flat));
        return c.add(Op.SLICE, List.of(f), Map.of("starts", new long[] {0}, "ends", new long[] {k == 0 ? 0 : (k - 1) * (n + 1) + 1},
                "axes", new long[] {-1}, "steps", new long[] {n + 1}));
    }

    /** The first {@code lead} dims of x (one unknown as -1), then {@code tail}. */
    private static long[] leading(Value x, int lead, long... tail) {
        long[] out = new long[lead + tail.length];
        int unknown = 0;
        for (int i = 0; i < lead; i++) {
            Dim d = x.shape().dim(i);
            out[i] = d.isStatic() ? d.size() : -1;
            if (!d.isStatic()) unknown++;
        }
        if (unknown > 1) throw new TranslationException("more than one dynamic batch dim in " + x.shape());
        System.arraycopy(tail, 0, out, lead, tail.length);
        return out;
    }

    /** Diagonal values laid along the columns ([..., 1, n]) and picked where the mask is on. */
    private static Value setDiag(OpContext c) {
        Value x = c.input(0);
        Value d = c.input(1);
        long m = staticDim(x, -2, "MatrixSetDiag");
        long n = staticDim(x, -1, "MatrixSetDiag");
        long k = Math.min(m, n);
        if (k < n) {
            int rd = Layout.rank(d);
            long[] pads = new long[2 * rd];
            pads[2 * rd - 1] = n - k;
            d = c.add(Op.PAD, List.of(d), Map.of("pads", pads, "mode", "constant", "value", 0.0));
        }
        Value row = c.add(Op.UNSQUEEZE, List.of(d), Map.of("axes", new long[] {-2}));
        return c.add(Op.WHERE, mask(c, m, n, Long::equals), row, x);
    }

    /** Keeps entries with {@code i - j <= lower} and {@code j - i <= upper}; a negative bound keeps all. */
    private static Value bandPart(OpContext c) {
        Value x = c.input(0);
        long lower = c.constInts(1)[0];
        long upper = c.constInts(2)[0];
        long m = staticDim(x, -2, "MatrixBandPart");
        long n = staticDim(x, -1, "MatrixBandPart");
        Value keep = mask(c, m, n, (i, j) -> (lower < 0 || i - j <= lower) && (upper < 0 || j - i <= upper));
        return c.add(Op.WHERE, keep, x, c.scalar(x.dtype(), 0));
    }

    /** TF Diag: rank k → rank 2k, the flattened input on the diagonal of an [N, N] matrix. */
    private static Value tfDiag(OpContext c) {
        Value x = c.input(0);
        Shape s = x.shape();
        if (!s.hasRank() || !s.isStatic()) throw new TranslationException("Diag needs a static shape, got " + s);
        Value m = diag(c, c.add(Op.RESHAPE, x, c.i64(s.numElements())));
        long[] out = new long[2 * s.rank()];
        for (int i = 0; i < s.rank(); i++) out[i] = out[i + s.rank()] = s.dim(i).size();
        return c.add(Op.RESHAPE, m, c.i64(out));
    }

    private static Value tfDiagPart(OpContext c) {
        Value x = c.input(0);
        Shape s = x.shape();
        if (!s.hasRank() || !s.isStatic() || s.rank() % 2 != 0) {
            throw new TranslationException("DiagPart needs a static shape of even rank, got " + s);
        }
        int h = s.rank() / 2;
        long[] half = new long[h];
        long n = 1;
        for (int i = 0; i < h; i++) n *= half[i] = s.dim(i).size();
        Value p = diagPart(c, c.add(Op.RESHAPE, x, c.i64(n, n)));
        return c.add(Op.RESHAPE, p, c.i64(half));
    }

    /**
     * TF SpaceToBatchND on [B, spatial..., rest...]: pad, split each spatial dim into (dim / b, b), move the
     * block offsets in front of the batch, and merge them into it (offsets outermost, as TF orders batches).
     */
    private static Value spaceToBatch(OpContext c) {
        Value x = c.input(0);
        long[] block = c.constInts(1);
        long[] pad = c.constInts(2);
        int mm = block.length;
        int r = Layout.rank(x);
        long[] pads = new long[2 * r];
        long[] padded = new long[mm];
        for (int i = 0; i < mm; i++) {
            pads[1 + i] = pad[2 * i];
            pads[r + 1 + i] = pad[2 * i + 1];
            padded[i] = staticDim(x, 1 + i, "SpaceToBatchND") + pad[2 * i] + pad[2 * i + 1];
            if (padded[i] % block[i] != 0) throw new TranslationException("padded size not divisible by the block");
        }
        Value y = x;
        if (java.util.Arrays.stream(pad).anyMatch(v -> v != 0)) {
            y = c.add(Op.PAD, List.of(x), Map.of("pads", pads, "mode", "constant", "value", 0.0));
        }
        List<Long> split = new ArrayList<>(List.of(batch(x)));
        for (int i = 0; i < mm; i++) {
            split.add(padded[i] / block[i]);
            split.add(block[i]);
        }
        List<Long> rest = restDims(x, 1 + mm);
        split.addAll(rest);
        y = c.add(Op.RESHAPE, y, c.i64(IndexOps.longs(split)));
        List<Long> perm = new ArrayList<>();
        for (int i = 0; i < mm; i++) perm.add(2L + 2 * i);
        perm.add(0L);
        for (int i = 0; i < mm; i++) perm.add(1L + 2 * i);
        for (int i = 0; i < rest.size(); i++) perm.add(1L + 2 * mm + i);
        y = c.add(Op.TRANSPOSE, List.of(y), Map.of("perm", IndexOps.longs(perm)));
        long blocks = java.util.Arrays.stream(block).reduce(1, (p, q) -> p * q);
        List<Long> out = new ArrayList<>(List.of(batch(x) < 0 ? -1 : batch(x) * blocks));
        for (int i = 0; i < mm; i++) out.add(padded[i] / block[i]);
        out.addAll(rest);
        return c.add(Op.RESHAPE, y, c.i64(IndexOps.longs(out)));
    }

    /**
     * The inverse of {@link #spaceToBatch}: split the batch into offsets, interleave them, then crop. The
     * batch and the trailing dims may be dynamic: their sizes are then read from x at run time.
     */
    private static Value batchToSpace(OpContext c) {
        Value x = c.input(0);
        long[] block = c.constInts(1);
        long[] crops = c.constInts(2);
        int mm = block.length;
        int r = Layout.rank(x);
        long blocks = 1;
        for (long b : block) blocks *= b;
        SizeVector split = new SizeVector(c, x);
        for (long b : block) split.literal(b);
        split.dim(0, 1, blocks);
        long[] sp = new long[mm];
        for (int i = 0; i < mm; i++) split.literal(sp[i] = staticDim(x, 1 + i, "BatchToSpaceND"));
        for (int i = 1 + mm; i < r; i++) split.dim(i);
        Value y = c.add(Op.RESHAPE, x, split.build());
        List<Long> perm = new ArrayList<>(List.of((long) mm));
        for (int i = 0; i < mm; i++) {
            perm.add((long) mm + 1 + i);
            perm.add((long) i);
        }
        for (int i = 1 + mm; i < r; i++) perm.add((long) mm + i);
        y = c.add(Op.TRANSPOSE, List.of(y), Map.of("perm", IndexOps.longs(perm)));
        SizeVector merged = split.another().dim(0, 1, blocks);
        for (int i = 0; i < mm; i++) merged.literal(sp[i] * block[i]);
        for (int i = 1 + mm; i < r; i++) merged.dim(i);
        y = c.add(Op.RESHAPE, y, merged.build());
        for (int i = 0; i < mm; i++) {
            if (crops[2 * i] == 0 && crops[2 * i + 1] == 0) continue;
            y = IndexOps.sliceAxis(c, y, 1 + i, crops[2 * i], sp[i] * block[i] - crops[2 * i + 1]);
        }
        return y;
    }

    private static long batch(Value x) {
        Dim d = x.shape().dim(0);
        return d.isStatic() ? d.size() : -1;
    }

    private static List<Long> restDims(Value x, int from) {
        List<Long> out = new ArrayList<>();
        for (int i = from; i < Layout.rank(x); i++) out.add(staticDim(x, i, "block rearrangement"));
        return out;
    }

    /**
     * TF DepthToSpace / SpaceToDepth (DCR order). NHWC: depth splits as (block_row, block_col, channel);
     * NCHW: the same order of the channel dim, with the spatial dims last.
     */
    private static Value depthSpace(OpContext c, boolean toSpace) {
        Value x = c.input(0);
        long bs = c.attrInt("block_size", 2);
        String fmt = c.attrString("data_format", "NHWC");
        if (!fmt.equals("NHWC") && !fmt.equals("NCHW")) throw new TranslationException("data_format " + fmt);
        if (Layout.rank(x) != 4) throw new TranslationException(c.op() + " needs a rank-4 input, got " + x.shape());
        boolean nhwc = fmt.equals("NHWC");
        int h = nhwc ? 1 : 2;
        int w = h + 1;
        int ch = nhwc ? 3 : 1;
        long area = bs * bs;
        // Sizes come from x, so any of them may be dynamic.
        SizeVector split = new SizeVector(c, x).dim(0);
        if (toSpace && nhwc) split.dim(h).dim(w).literal(bs).literal(bs).dim(ch, 1, area);
        else if (toSpace) split.literal(bs).literal(bs).dim(ch, 1, area).dim(h).dim(w);
        else if (nhwc) split.dim(h, 1, bs).literal(bs).dim(w, 1, bs).literal(bs).dim(ch);
        else split.dim(ch).dim(h, 1, bs).literal(bs).dim(w, 1, bs).literal(bs);
        Value y = c.add(Op.RESHAPE, x, split.build());
        long[] perm = toSpace ? (nhwc ? new long[] {0, 1, 3, 2, 4, 5} : new long[] {0, 3, 4, 1, 5, 2})
                : (nhwc ? new long[] {0, 1, 3, 2, 4, 5} : new long[] {0, 3, 5, 1, 2, 4});
        y = c.add(Op.TRANSPOSE, List.of(y), Map.of("perm", perm));
        SizeVector out = split.another().dim(0);
        if (toSpace && nhwc) out.dim(h, bs, 1).dim(w, bs, 1).dim(ch, 1, area);
        else if (toSpace) out.dim(ch, 1, area).dim(h, bs, 1).dim(w, bs, 1);
        else if (nhwc) out.dim(h, 1, bs).dim(w, 1, bs).dim(ch, area, 1);
        else out.dim(ch, area, 1).dim(h, 1, bs).dim(w, 1, bs);
        return c.add(Op.RESHAPE, y, out.build());
    }
}
