package org.tf2torch.importers.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/** Generation, indexing, splitting, tiling, reversing and block rearrangement of tensors. */
final class IndexOps implements OpFamily {
    /** Integer ranges up to this size become constants, so that they can serve as reduction axes. */
    private static final long FOLD_LIMIT = 64;

    @Override
    public void register(OpRegistry r) {
        r.add("Range", Translator.single(IndexOps::range), Op.RANGE);
        r.add("LinSpace", Translator.single(IndexOps::linSpace), Op.RANGE, Op.CAST, Op.MUL, Op.ADD, Op.CONCAT);
        r.add("GatherV2", Translator.single(c -> gather(c, c.constInts(2)[0])), Op.GATHER);
        r.add("Gather", Translator.single(c -> gather(c, 0)), Op.GATHER);
        r.add("GatherNd", Translator.single(c -> c.add(Op.GATHER_ND, c.input(0), c.input(1))), Op.GATHER_ND);
        r.add("Tile", Translator.single(c -> c.add(Op.TILE, c.input(0), ArrayOps.asI64(c, c.input(1)))), Op.TILE);
        r.add("Split", c -> split(c, c.input(1), c.constInts(0)[0], null), Op.SPLIT);
        r.add("SplitV", c -> split(c, c.input(0), c.constInts(2)[0], c.constInts(1)), Op.SPLIT);
        r.add("Unpack", IndexOps::unpack, Op.SPLIT, Op.SQUEEZE);
        r.add("ReverseV2", Translator.single(IndexOps::reverse), Op.SLICE);
        r.add("Slice", Translator.single(IndexOps::slice), Op.SLICE);
        r.add("Roll", Translator.single(IndexOps::roll), Op.SLICE, Op.CONCAT);
        r.add("ZerosLike", Translator.single(c -> filledLike(c, 0)), Op.EXPAND, Op.SHAPE);
        r.add("OnesLike", Translator.single(c -> filledLike(c, 1)), Op.EXPAND, Op.SHAPE);
        r.add("BroadcastTo", Translator.single(c -> c.add(Op.EXPAND, c.input(0), ArrayOps.asI64(c, c.input(1)))),
                Op.EXPAND);
        r.add("BroadcastArgs", Translator.single(IndexOps::broadcastArgs), Op.CONCAT, Op.EQUAL, Op.WHERE);
        r.add("Size", Translator.single(IndexOps::size), Op.SHAPE, Op.REDUCE_PROD, Op.CAST);
        r.add("Rank", Translator.single(c -> c.scalar(DType.I32, Layout.rank(c.input(0)))), Op.CONSTANT);
        r.add("ShapeN", c -> {
            List<Value> out = new ArrayList<>();
            DType t = c.hasAttr("out_type") ? c.attrType("out_type") : DType.I32;
            for (Value v : c.inputs()) out.add(shape(c, v, t));
            return out;
        }, Op.SHAPE, Op.CAST);
        r.add("ParallelConcat", Translator.single(c -> c.numInputs() == 1 ? c.input(0)
                : c.add(Op.CONCAT, new ArrayList<>(c.inputs()), Map.of("axis", 0L))), Op.CONCAT);
        r.add("OneHot", Translator.single(IndexOps::oneHot), Op.ONE_HOT, Op.LESS, Op.WHERE);
        r.add("Bitcast", Translator.single(c -> c.add(Op.BITCAST, List.of(c.input(0)), Map.of("to", c.attrType("type")))),
                Op.BITCAST);
        r.add("InvertPermutation", Translator.single(IndexOps::invertPermutation), Op.ONE_HOT, Op.MUL, Op.REDUCE_SUM);
        new MatrixOps().register(r);
        new ScatterOps().register(r);
    }

    /** Input {@code i} as a constant when it folds to one, else null. */
    static Tensor tryConst(OpContext c, int i) {
        try {
            return c.constInput(i);
        } catch (TranslationException e) {
            return null;
        }
    }

    static Value shape(OpContext c, Value x, DType t) {
        Value s = c.add(Op.SHAPE, x);
        return t == DType.I64 ? s : c.add(Op.CAST, List.of(s), Map.of("to", t));
    }

    private static Value range(OpContext c) {
        DType t = c.hasAttr("Tidx") ? c.attrType("Tidx") : c.input(0).dtype();
        Tensor s = tryConst(c, 0);
        Tensor l = tryConst(c, 1);
        Tensor d = tryConst(c, 2);
        if (t.isInteger() && s != null && l != null && d != null) {
            long start = TensorValues.toLongs(s)[0];
            long limit = TensorValues.toLongs(l)[0];
            long delta = TensorValues.toLongs(d)[0];
            if (delta == 0 || delta > 0 && start > limit || delta < 0 && start < limit) {
                throw new TranslationException("Range(" + start + ", " + limit + ", " + delta + ") is empty the wrong way; TF fails on it");
            }
            long n = (Math.abs(limit - start) + Math.abs(delta) - 1) / Math.abs(delta);
            if (n <= FOLD_LIMIT) {
                long[] v = new long[(int) n];
                for (int i = 0; i < n; i++) v[i] = start + i * delta;
                return c.constant(TensorValues.ofLongs(t, Shape.of(n), v));
            }
        }
        return c.add(Op.RANGE, c.input(0), c.input(1), c.input(2));
    }

    /**
     * TF: {@code start + i * (stop - start) / (num - 1)} for i below num - 1, then exactly {@code stop}. The
     * step is computed in the model so the arithmetic happens in the tensors' dtype, as in TF.
     */
    private static Value linSpace(OpContext c) {
        long num = c.constInts(2)[0];
        Value start = c.input(0);
        Value stop = c.input(1);
        DType t = start.dtype();
        if (num <= 0) throw new TranslationException("LinSpace needs num > 0, got " + num);
        Value last = c.add(Op.RESHAPE, stop, c.i64(1));
        if (num == 1) return c.add(Op.RESHAPE, start, c.i64(1));
        Value step = c.add(Op.DIV, c.add(Op.SUB, stop, start), c.scalar(t, num - 1));
        Value idx = c.add(Op.RANGE, c.scalar(t, 0), c.scalar(t, num - 1), c.scalar(t, 1));
        Value head = c.add(Op.ADD, start, c.add(Op.MUL, idx, step));
        return c.add(Op.CONCAT, List.of(head, last), Map.of("axis", 0L));
    }

    private static Value gather(OpContext c, long axis) {
        if (c.attrInt("batch_dims", 0) != 0) throw new TranslationException("Gather with batch_dims is not supported");
        int r = Layout.rank(c.input(0));
        return c.add(Op.GATHER, List.of(c.input(0), c.input(1)), Map.of("axis", axis < 0 ? axis + r : axis));
    }

    /** Equal pieces ({@code sizes == null}) or TF SplitV sizes, where one -1 takes the rest. */
    private static List<Value> split(OpContext c, Value x, long axis, long[] sizes) {
        int r = Layout.rank(x);
        int ax = (int) (axis < 0 ? axis + r : axis);
        org.tf2torch.ir.Dim d = x.shape().dim(ax);
        if (sizes == null) {
            long n = c.attrInt("num_split", 1);
            if (!d.isStatic()) throw new TranslationException("Split needs a static size on axis " + ax + ", got " + x.shape());
            if (d.size() % n != 0) throw new TranslationException("Split of " + d.size() + " into " + n + " pieces");
            sizes = new long[(int) n];
            Arrays.fill(sizes, d.size() / n);
        } else {
            sizes = sizes.clone();
            int free = -1;
            long known = 0;
            for (int i = 0; i < sizes.length; i++) {
                if (sizes[i] == -1) free = i;
                else known += sizes[i];
            }
            if (free >= 0) {
                if (!d.isStatic()) throw new TranslationException("SplitV with -1 needs a static size on axis " + ax);
                sizes[free] = d.size() - known;
            }
        }
        if (sizes.length == 1) return List.of(c.add(Op.IDENTITY, x));
        return c.graph().add(Op.SPLIT, List.of(x), Map.of("axis", (long) ax, "split", sizes), c.source(), c.name())
                .outputs();
    }

    private static List<Value> unpack(OpContext c) {
        Value x = c.input(0);
        int r = Layout.rank(x);
        long axis = c.attrInt("axis", 0);
        long ax = axis < 0 ? axis + r : axis;
        long n = c.attrInt("num", x.shape().dim((int) ax).size());
        long[] ones = new long[(int) n];
        Arrays.fill(ones, 1);
        List<Value> pieces = n == 1 ? List.of(x)
                : c.graph().add(Op.SPLIT, List.of(x), Map.of("axis", ax, "split", ones), c.source(), c.name()).outputs();
        List<Value> out = new ArrayList<>();
        for (Value p : pieces) out.add(c.add(Op.SQUEEZE, List.of(p), Map.of("axes", new long[] {ax})));
        return out;
    }

    /** A slice with step -1 over every reversed axis: the exporter writes it as {@code torch.flip}. */
    private static Value reverse(OpContext c) {
        Value x = c.input(0);
        long[] axes = c.constInts(1);
        if (axes.length == 0) return c.add(Op.IDENTITY, x);
        int r = Layout.rank(x);
        long[] norm = new long[axes.length];
        for (int i = 0; i < axes.length; i++) norm[i] = axes[i] < 0 ? axes[i] + r : axes[i];
        long[] starts = new long[axes.length];
        long[] ends = new long[axes.length];
        long[] steps = new long[axes.length];
        Arrays.fill(starts, Long.MAX_VALUE);
        Arrays.fill(ends, Long.MIN_VALUE);
        Arrays.fill(steps, -1);
        return c.add(Op.SLICE, List.of(x), Map.of("starts", starts, "ends", ends, "axes", norm, "steps", steps));
    }

    /** TF Slice: constant begin and size per axis, size -1 meaning "to the end". */
    private static Value slice(OpContext c) {
        Value x = c.input(0);
        long[] begin = c.constInts(1);
        long[] size = c.constInts(2);
        List<Long> axes = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        for (int i = 0; i < begin.length; i++) {
            if (begin[i] == 0 && size[i] == -1) continue;
            axes.add((long) i);
            starts.add(begin[i]);
            ends.add(size[i] == -1 ? Long.MAX_VALUE : begin[i] + size[i]);
        }
        if (axes.isEmpty()) return c.add(Op.IDENTITY, x);
        long[] steps = new long[axes.size()];
        Arrays.fill(steps, 1);
        return c.add(Op.SLICE, List.of(x), Map.of("starts", longs(starts), "ends", longs(ends), "axes", longs(axes),
                "steps", steps));
    }

    /** Per axis, the last {@code shift mod n} elements move to the front: two slices and a concat. */
    private static Value roll(OpContext c) {
        Value y = c.input(0);
        long[] shift = c.constInts(1);
        long[] axes = c.constInts(2);
        int r = Layout.rank(y);
        long[] total = new long[r];
        for (int i = 0; i < axes.length; i++) {
            int ax = (int) (axes[i] < 0 ? axes[i] + r : axes[i]);
            total[ax] += shift[shift.length == 1 ? 0 : i];
        }
        for (int ax = 0; ax < r; ax++) {
            if (total[ax] == 0) continue;
            org.tf2torch.ir.Dim d = y.shape().dim(ax);
            if (!d.isStatic()) throw new TranslationException("Roll needs a static size on axis " + ax);
            long n = d.size();
            long s = n == 0 ? 0 : Math.floorMod(total[ax], n);
            if (s == 0) continue;
            Value tail = sliceAxis(c, y, ax, n - s, Long.MAX_VALUE);
            Value head = sliceAxis(c, y, ax, 0, n - s);
            y = c.add(Op.CONCAT, List.of(tail, head), Map.of("axis", (long) ax));
        }
        return y == c.input(0) ? c.add(Op.IDENTITY, y) : y;
    }

    static Value sliceAxis(OpContext c, Value x, long axis, long start, long end) {
        return c.add(Op.SLICE, List.of(x), Map.of("starts", new long[] {start}, "ends", new long[] {end},
                "axes", new long[] {axis}, "steps", new long[] {1}));
    }

    /** A scalar broadcast to the input's shape: never a product with the input, which would keep its NaNs. */
    private static Value filledLike(OpContext c, double v) {
        Value x = c.input(0);
        return c.add(Op.EXPAND, c.scalar(x.dtype(), v), c.add(Op.SHAPE, x));
    }

    /** NumPy broadcasting of two shape vectors: after padding with leading 1s, a 1 yields the other dim. */
    private static Value broadcastArgs(OpContext c) {
        Tensor a = tryConst(c, 0);
        Tensor b = tryConst(c, 1);
        DType t = c.input(0).dtype();
        if (a != null && b != null) {
            long[] x = TensorValues.toLongs(a);
            long[] y = TensorValues.toLongs(b);
            int n = Math.max(x.length, y.length);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                long p = i - (n - x.length) >= 0 ? x[i - (n - x.length)] : 1;
                long q = i - (n - y.length) >= 0 ? y[i - (n - y.length)] : 1;
                if (p != q && p != 1 && q != 1) throw new TranslationException("incompatible shapes for broadcasting");
                out[i] = p == 1 ? q : p;
            }
            return c.constant(TensorValues.ofLongs(t, Shape.of(n), out));
        }
        long la = vectorLength(c.input(0));
        long lb = vectorLength(c.input(1));
        long n = Math.max(la, lb);
        Value x = padOnes(c, c.input(0), n - la);
        Value y = padOnes(c, c.input(1), n - lb);
        return c.add(Op.WHERE, c.add(Op.EQUAL, x, c.scalar(t, 1)), y, x);
    }

    private static long vectorLength(Value v) {
        Shape s = v.shape();
        if (!s.hasRank() || s.rank() != 1 || !s.dim(0).isStatic()) {
            throw new TranslationException("BroadcastArgs needs shape vectors of known length, got " + s);
        }
        return s.dim(0).size();
    }

    private static Value padOnes(OpContext c, Value v, long n) {
        if (n == 0) return v;
        long[] ones = new long[(int) n];
        Arrays.fill(ones, 1);
        return c.add(Op.CONCAT, List.of(c.constant(TensorValues.ofLongs(v.dtype(), Shape.of(n), ones)), v),
                Map.of("axis", 0L));
    }

    private static Value size(OpContext c) {
        Value x = c.input(0);
        DType t = c.hasAttr("out_type") ? c.attrType("out_type") : DType.I32;
        Shape s = x.shape();
        if (s.hasRank() && s.isStatic()) return c.scalar(t, s.numElements());
        Value n = c.add(Op.REDUCE_PROD, List.of(c.add(Op.SHAPE, x)), Map.of("axes", new long[0], "keepdims", false));
        return t == DType.I64 ? n : c.add(Op.CAST, List.of(n), Map.of("to", t));
    }

    /**
     * ONNX OneHot counts a negative index from the end; TF gives such a row all off values, so negative
     * indices are first moved out of range (unless they are constants known to be non-negative).
     */
    private static Value oneHot(OpContext c) {
        Value idx = c.input(0);
        long depth = c.constInts(1)[0];
        double on = TensorValues.toDoubles(c.constInput(2))[0];
        double off = TensorValues.toDoubles(c.constInput(3))[0];
        DType t = c.attrType("T");
        Tensor ci = tryConst(c, 0);
        if (ci == null || Arrays.stream(TensorValues.toLongs(ci)).anyMatch(v -> v < 0)) {
            Value outside = c.scalar(idx.dtype(), depth);
            idx = c.add(Op.WHERE, c.add(Op.LESS, idx, c.scalar(idx.dtype(), 0)), outside, idx);
        }
        return c.add(Op.ONE_HOT, List.of(idx), Map.of("depth", depth, "axis", c.attrInt("axis", -1), "on", on,
                "off", off, "to", t));
    }

    /**
     * A constant permutation is inverted here; a computed one of static length n as
     * {@code inv[j] = sum_i i * (x[i] == j)}, exact in integers for any valid permutation.
     */
    private static Value invertPermutation(OpContext c) {
        Tensor p = tryConst(c, 0);
        if (p == null) {
            Value x = c.input(0);
            Shape s = x.shape();
            if (!s.hasRank() || s.rank() != 1 || !s.dim(0).isStatic()) {
                throw new TranslationException("InvertPermutation needs a static length, got " + s);
            }
            long n = s.dim(0).size();
            long[] pos = new long[(int) n];
            for (int i = 0; i < n; i++) pos[i] = i;
            Value hot = c.add(Op.ONE_HOT, List.of(x), Map.of("depth", n, "axis", -1L, "on", 1.0, "off", 0.0, "to", x.dtype()));
            Value col = c.constant(TensorValues.ofLongs(x.dtype(), Shape.of(n, 1), pos));
            return c.add(Op.REDUCE_SUM, List.of(c.add(Op.MUL, hot, col)), Map.of("axes", new long[] {0}, "keepdims", false));
        }
        long[] perm = TensorValues.toLongs(p);
        long[] inv = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] < 0 || perm[i] >= perm.length) throw new TranslationException("not a permutation");
            inv[(int) perm[i]] = i;
        }
        return c.constant(TensorValues.ofLongs(p.dtype(), p.shape(), inv));
    }

    static long[] longs(List<Long> l) { return l.stream().mapToLong(Long::longValue).toArray(); }
}
