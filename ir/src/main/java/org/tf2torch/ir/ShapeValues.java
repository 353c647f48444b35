package org.tf2torch.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * What is known of the elements of a small integer vector computed at run time from shapes, e.g.
 * {@code concat(gather(shape(a), [1, 2]), [-1])}: each element is a static size, a symbolic dim copied from
 * a shape, or unknown. A reshape or expand to such a vector then keeps the sizes that do not depend on the
 * data, instead of losing every dim. A scalar counts as a one-element vector. Negative literals (reshape's
 * -1) are reported as unknown, which is only less precise.
 */
final class ShapeValues {
    private static final int MAX_DEPTH = 32;
    private static final int MAX_LENGTH = 64;

    private ShapeValues() {}

    /** The elements of {@code v}, or null when not even its length is known. */
    static List<Dim> elements(Value v) { return of(v, 0); }

    private static List<Dim> of(Value v, int depth) {
        if (depth > MAX_DEPTH || !v.dtype().isInteger() || !v.shape().hasRank() || v.shape().rank() > 1) return null;
        Tensor c = v.constantValue();
        if (c != null) {
            List<Dim> out = new ArrayList<>();
            for (long x : TensorValues.toLongs(c)) out.add(x >= 0 ? Dim.of(x) : Dim.unknown());
            return out.size() <= MAX_LENGTH ? out : null;
        }
        Node n = v.producer();
        if (n == null || n.outputs().size() != 1) return null;
        List<Value> in = n.inputs();
        switch (n.op()) {
            case SHAPE: {
                Shape s = in.get(0).shape();
                return s.hasRank() ? new ArrayList<>(s.dims()) : null;
            }
            case CAST: case IDENTITY: case RESHAPE: case SQUEEZE: case UNSQUEEZE:
                return in.get(0).dtype().isInteger() ? lengthChecked(of(in.get(0), depth + 1), v) : null;
            case CONCAT: {
                List<Dim> out = new ArrayList<>();
                for (Value p : in) {
                    List<Dim> e = of(p, depth + 1);
                    if (e == null) return null;
                    out.addAll(e);
                }
                return out;
            }
            case GATHER: return gather(n, depth);
            case SLICE: return slice(n, depth);
            case REDUCE_PROD: {
                List<Dim> e = of(in.get(0), depth + 1);
                if (e == null || n.attrs().ints("axes").length > 1) return null;
                long p = 1;
                for (Dim d : e) {
                    if (d.isStatic() && d.size() == 0) return List.of(Dim.of(0));
                    if (!d.isStatic()) return List.of(Dim.unknown());
                    p *= d.size();
                }
                return List.of(Dim.of(p));
            }
            default:
                return n.op().isElementwiseBinary() ? arithmetic(n, depth) : null;
        }
    }

    /** The elements, unless their count contradicts {@code v}'s static length. */
    private static List<Dim> lengthChecked(List<Dim> e, Value v) {
        if (e == null) return null;
        long want = v.shape().rank() == 0 ? 1 : v.shape().dim(0).isStatic() ? v.shape().dim(0).size() : e.size();
        return want == e.size() ? e : null;
    }

    private static List<Dim> gather(Node n, int depth) {
        Tensor idx = n.input(1).constantValue();
        if (n.attrs().i("axis") != 0 || idx == null || idx.shape().rank() > 1) return null;
        List<Dim> e = of(n.input(0), depth + 1);
        if (e == null) return null;
        List<Dim> out = new ArrayList<>();
        for (long i : TensorValues.toLongs(idx)) {
            long k = i < 0 ? i + e.size() : i;
            if (k < 0 || k >= e.size()) return null;
            out.add(e.get((int) k));
        }
        return out;
    }

    private static List<Dim> slice(Node n, int depth) {
        long[] axes = n.attrs().ints("axes");
        long[] steps = n.attrs().ints("steps");
        if (axes.length != 1 || (axes[0] != 0 && axes[0] != -1) || steps[0] != 1) return null;
        List<Dim> e = of(n.input(0), depth + 1);
        if (e == null) return null;
        int len = e.size();
        long s = n.attrs().ints("starts")[0];
        long t = n.attrs().ints("ends")[0];
        s = Math.max(0, Math.min(len, s < 0 ? s + len : s));
        t = Math.max(0, Math.min(len, t < 0 ? t + len : t));
        return s >= t ? new ArrayList<>() : new ArrayList<>(e.subList((int) s, (int) t));
    }

    /** Element-wise integer arithmetic with a one-element side broadcast; static only where both sides are. */
    private static List<Dim> arithmetic(Node n, int depth) {
        List<Dim> a = of(n.input(0), depth + 1);
        List<Dim> b = of(n.input(1), depth + 1);
        if (a == null || b == null || (a.size() != b.size() && a.size() != 1 && b.size() != 1)) return null;
        int len = Math.max(a.size(), b.size());
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < len; i++) {
            Dim x = a.get(a.size() == 1 ? 0 : i);
            Dim y = b.get(b.size() == 1 ? 0 : i);
            Long r = x.isStatic() && y.isStatic() ? apply(n.op(), x.size(), y.size()) : null;
            out.add(r != null && r >= 0 ? Dim.of(r) : Dim.unknown());
        }
        return out;
    }

    private static Long apply(Op op, long x, long y) {
        switch (op) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case DIV: case FLOOR_DIV: return y == 0 ? null : x / y;
            case MAX: return Math.max(x, y);
            case MIN: return Math.min(x, y);
            default: return null;
        }
    }
}
