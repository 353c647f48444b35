package org.tf2torch.ir;

import java.util.ArrayList;
import java.util.List;

/** Shape rules of the layout ops: reshape, transpose, concat, (un)squeeze, slice, pad, reductions. */
final class Reshapes {
    private Reshapes() {}

    static int normAxis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new IllegalArgumentException("axis " + axis + " out of range for rank " + rank);
        return (int) a;
    }

    static TensorType reshape(TensorType x, Value shapeValue) {
        Tensor t = shapeValue.constantValue();
        if (t == null) {
            List<Dim> known = ShapeValues.elements(shapeValue);
            if (known != null) return x.withShape(Shape.of(known));
            Shape ss = shapeValue.shape();
            if (ss.hasRank() && ss.rank() == 1 && ss.dim(0).isStatic()) {
                return x.withShape(unknownDims((int) ss.dim(0).size()));
            }
            return x.withShape(Shape.unknownRank());
        }
        long[] target = TensorValues.toLongs(t);
        List<Dim> out = new ArrayList<>();
        int inferIdx = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                if (inferIdx >= 0) throw new IllegalArgumentException("reshape target has two -1 entries");
                inferIdx = i;
                out.add(Dim.unknown());
            } else {
                out.add(Dim.of(target[i]));
                known *= target[i];
            }
        }
        if (inferIdx >= 0) out.set(inferIdx, inferred(x.shape(), known));
        else if (x.shape().isStatic() && x.shape().numElements() != known) {
            throw new IllegalArgumentException("cannot reshape " + x.shape() + " to " + java.util.Arrays.toString(target));
        }
        return x.withShape(Shape.of(out));
    }

    /** The -1 dimension: static when the input is static, the input's one symbolic dim when sizes line up. */
    private static Dim inferred(Shape in, long known) {
        if (!in.hasRank()) return Dim.unknown();
        long staticProduct = 1;
        Dim free = null;
        int nonStatic = 0;
        for (Dim d : in.dims()) {
            if (d.isStatic()) staticProduct *= d.size();
            else {
                nonStatic++;
                free = d;
            }
        }
        if (nonStatic == 0) {
            if (known == 0 || staticProduct % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + in + " with a -1 over " + known + " elements");
            }
            return Dim.of(staticProduct / known);
        }
        if (nonStatic == 1 && staticProduct == known) return free;
        return Dim.unknown();
    }

    private static Shape unknownDims(int rank) {
        List<Dim> d = new ArrayList<>();
        for (int i = 0; i < rank; i++) d.add(Dim.unknown());
        return Shape.of(d);
    }

    static TensorType expand(TensorType x, Value shapeValue) {
        Tensor t = shapeValue.constantValue();
        if (t == null) {
            List<Dim> known = ShapeValues.elements(shapeValue);
            if (known != null && x.shape().hasRank() && known.size() >= x.shape().rank()) {
                return x.withShape(ShapeInference.broadcast(x.shape(), Shape.of(known)));
            }
            Shape ss = shapeValue.shape();
            int r = ss.hasRank() && ss.rank() == 1 && ss.dim(0).isStatic() ? (int) ss.dim(0).size() : -1;
            return x.withShape(r < 0 ? Shape.unknownRank() : unknownDims(Math.max(r, x.shape().hasRank() ? x.shape().rank() : r)));
        }
        return x.withShape(ShapeInference.broadcast(x.shape(), Shape.of(TensorValues.toLongs(t))));
    }

    static TensorType transpose(TensorType x, int[] perm) {
        Shape s = x.shape();
        if (!s.hasRank()) return x;
        if (perm.length != s.rank()) throw new IllegalArgumentException("perm of " + perm.length + " for " + s);
        List<Dim> out = new ArrayList<>();
        boolean[] seen = new boolean[perm.length];
        for (int p : perm) {
            if (p < 0 || p >= perm.length || seen[p]) throw new IllegalArgumentException("bad perm for " + s);
            seen[p] = true;
            out.add(s.dim(p));
        }
        return x.withShape(Shape.of(out));
    }

    static TensorType concat(List<Value> in, int axis) {
        TensorType first = in.get(0).type();
        if (!first.shape().hasRank()) return first;
        int rank = first.shape().rank();
        int ax = normAxis(axis, rank);
        List<Dim> out = new ArrayList<>(first.shape().dims());
        long total = 0;
        boolean known = true;
        for (Value v : in) {
            if (!v.shape().hasRank() || v.shape().rank() != rank) {
                throw new IllegalArgumentException("concat operands differ in rank: " + first + " and " + v.type());
            }
            Dim d = v.shape().dim(ax);
            if (d.isStatic()) total += d.size();
            else known = false;
        }
        out.set(ax, known ? Dim.of(total) : Dim.unknown());
        return first.withShape(Shape.of(out));
    }

    static TensorType squeeze(TensorType x, long[] axes) {
        Shape s = x.shape();
        if (!s.hasRank()) return x;
        boolean[] drop = new boolean[s.rank()];
        if (axes.length == 0) {
            for (int i = 0; i < drop.length; i++) drop[i] = s.dim(i).isStatic() && s.dim(i).size() == 1;
        }
        for (long a : axes) drop[normAxis(a, s.rank())] = true;
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < drop.length; i++) {
            if (!drop[i]) out.add(s.dim(i));
            else if (s.dim(i).isStatic() && s.dim(i).size() != 1) {
                throw new IllegalArgumentException("cannot squeeze axis " + i + " of " + s);
            }
        }
        return x.withShape(Shape.of(out));
    }

    static TensorType unsqueeze(TensorType x, long[] axes) {
        Shape s = x.shape();
        if (!s.hasRank()) return x;
        int r = s.rank() + axes.length;
        boolean[] ins = new boolean[r];
        for (long a : axes) {
            int ax = normAxis(a, r);
            if (ins[ax]) throw new IllegalArgumentException("unsqueeze axis " + a + " given twice");
            ins[ax] = true;
        }
        List<Dim> out = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < r; i++) out.add(ins[i] ? Dim.of(1) : s.dim(k++));
        return x.withShape(Shape.of(out));
    }

    static TensorType slice(TensorType x, Attrs a) {
        Shape s = x.shape();
        if (!s.hasRank()) return x;
        long[] starts = a.ints("starts");
        long[] ends = a.ints("ends");
        long[] axes = a.ints("axes");
        long[] steps = a.ints("steps");
        if (starts.length != axes.length || ends.length != axes.length || steps.length != axes.length) {
            throw new IllegalArgumentException("slice starts, ends, axes and steps differ in length");
        }
        List<Dim> out = new ArrayList<>(s.dims());
        for (int i = 0; i < axes.length; i++) {
            int ax = normAxis(axes[i], s.rank());
            Dim d = s.dim(ax);
            if (d.isStatic()) out.set(ax, Dim.of(sliceLength(d.size(), starts[i], ends[i], steps[i])));
            else if (!(starts[i] == 0 && steps[i] == 1 && ends[i] >= Integer.MAX_VALUE)) out.set(ax, Dim.unknown());
            // else x[0:INT_MAX] keeps the whole dimension, symbol included
        }
        return x.withShape(Shape.of(out));
    }

    /** ONNX Slice clamping: negative bounds count from the end, then clamp to the valid range for the step. */
    public static long sliceLength(long dim, long start, long end, long step) {
        if (step == 0) throw new IllegalArgumentException("slice step 0");
        long s = start < 0 ? start + dim : start;
        long e = end < 0 ? end + dim : end;
        if (step > 0) {
            s = clampStart(s, dim, step);
            e = Math.max(0, Math.min(e, dim));
            return e > s ? (e - s - 1) / step + 1 : 0;
        }
        if (dim == 0) return 0;
        s = clampStart(s, dim, step);
        e = Math.max(-1, Math.min(e, dim - 1));
        return s > e ? (s - e - 1) / -step + 1 : 0;
    }

    /** ONNX clamps a start to [0, dim] going forward and to [0, dim-1] going backward (never -1). */
    static long clampStart(long start, long dim, long step) {
        return step > 0 ? Math.max(0, Math.min(start, dim)) : Math.max(0, Math.min(start, dim - 1));
    }

    static TensorType pad(TensorType x, long[] pads) {
        Shape s = x.shape();
        if (!s.hasRank()) return x;
        int r = s.rank();
        if (pads.length != 2 * r) throw new IllegalArgumentException("pad needs " + 2 * r + " entries for " + s);
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            Dim d = s.dim(i);
            long add = pads[i] + pads[i + r];
            out.add(add == 0 ? d : d.isStatic() ? Dim.of(d.size() + add) : Dim.unknown());
        }
        return x.withShape(Shape.of(out));
    }

    static TensorType reduce(TensorType x, long[] axes, boolean keep) {
        Shape s = x.shape();
        if (!s.hasRank()) return x;
        boolean[] red = new boolean[s.rank()];
        if (axes.length == 0) java.util.Arrays.fill(red, true);
        for (long a : axes) red[normAxis(a, s.rank())] = true;
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < red.length; i++) {
            if (!red[i]) out.add(s.dim(i));
            else if (keep) out.add(Dim.of(1));
        }
        return x.withShape(Shape.of(out));
    }
}
