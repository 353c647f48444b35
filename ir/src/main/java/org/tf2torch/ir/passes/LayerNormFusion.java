package org.tf2torch.ir.passes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Value;

/**
 * Keras's LayerNormalization over trailing axes becomes one {@code layer_norm} node with gamma and beta, in
 * both forms Keras writes:
 * <ul>
 *   <li>fused (epsilon at least 1.001e-5, float32): x reshaped to [1, rows, features, 1], a training-mode
 *   FusedBatchNorm (imported as a layer norm over [features, 1]), reshaped back to {@code shape(x)}, then
 *   {@code * gamma + beta};
 *   <li>tf.nn.moments + tf.nn.batch_normalization: mean = mean(x), var = mean((x - mean)^2),
 *   inv = rsqrt(var + eps) * gamma, {@code x * inv + (beta - mean * inv)}.
 * </ul>
 * Both equal (x - mean) / sqrt(var + eps) * gamma + beta with the biased variance, which is torch's layer norm.
 * Gamma and beta must have exactly the normalized dims' shape.
 */
public final class LayerNormFusion implements Pass {
    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        // a fused node may fuse further (flattened form, then its gamma and beta): sweep until nothing changes
        while (sweep(g)) {
            changed = true;
            // the replaced nodes still read the old ones; without them gone the next sweep would match those again
            new DeadCodeElimination().run(g);
        }
        return changed;
    }

    private static boolean sweep(Graph g) {
        boolean changed = false;
        for (Node n : new ArrayList<>(g.nodes())) {
            if (n.graph() == null) continue;
            if (n.op() == Op.LAYER_NORMALIZATION) changed |= unflatten(n, g) || affine(n, g);
            else if (n.op() == Op.ADD) changed |= moments(n, g);
        }
        return changed;
    }

    private static int axis(Node ln) {
        int r = ln.input(0).shape().rank();
        long a = ln.attrs().i("axis");
        return (int) (a < 0 ? a + r : a);
    }

    /** reshape(x, [1, rows, D, 1]) → layer_norm over [D, 1] → reshape to shape(x): a layer norm of x over its last axis. */
    private static boolean unflatten(Node ln, Graph g) {
        if (ln.inputs().size() != 1 || !Patterns.internal(ln.output(), g)) return false;
        Node flat = Patterns.producer(ln.input(0), Op.RESHAPE);
        Shape fs = ln.input(0).shape();
        if (flat == null || !fs.hasRank() || fs.rank() != 4 || axis(ln) != 2) return false;
        Value x = flat.input(0);
        Shape xs = x.shape();
        if (!xs.hasRank() || xs.rank() < 1 || !xs.dim(-1).isStatic()) return false;
        long d = xs.dim(-1).size();
        if (!isStatic(fs.dim(0), 1) || !isStatic(fs.dim(2), d) || !isStatic(fs.dim(3), 1)) return false;
        Node back = ln.output().uses().get(0).user();
        if (back.op() != Op.RESHAPE || back.input(0) != ln.output() || !back.output().type().equals(x.type())) {
            return false;
        }
        Value target = back.input(1);
        // TF's int32 shape comes back to int64 through casts, exact for any real dim
        for (Node cast = Patterns.producer(target, Op.CAST); cast != null && cast.input(0).dtype().isInteger();
                cast = Patterns.producer(target, Op.CAST)) {
            target = cast.input(0);
        }
        Node shapeOf = Patterns.producer(target, Op.SHAPE);
        boolean toShapeOfX = shapeOf != null && shapeOf.input(0) == x;
        if (!toShapeOfX && !(xs.isStatic() && back.input(1).isConstant())) return false;
        Node fused = g.insertBefore(back, Op.LAYER_NORMALIZATION, List.of(x),
                Map.of("axis", (long) xs.rank() - 1, "epsilon", ln.attrs().f("epsilon")), ln.source(),
                Patterns.layerHint(back, 1, null) + "_unscaled");
        replace(back, fused, g);
        return true;
    }

    /** layer_norm(x) * gamma [+ beta], gamma and beta shaped like the normalized dims. */
    private static boolean affine(Node ln, Graph g) {
        int n = ln.inputs().size();
        if (n == 3 || !Patterns.internal(ln.output(), g)) return false;
        Node next = ln.output().uses().get(0).user();
        Shape norm = normalized(ln.input(0).shape(), axis(ln));
        Value w = weight(next, ln.output(), n == 1 ? Op.MUL : Op.ADD, norm);
        if (w == null) return false;
        List<Value> in = new ArrayList<>(ln.inputs());
        in.add(w);
        Node last = next;
        if (n == 1 && Patterns.internal(next.output(), g)) {
            Node add = next.output().uses().get(0).user();
            Value b = weight(add, next.output(), Op.ADD, norm);
            if (b != null) {
                in.add(b);
                last = add;
            }
        }
        Node fused = g.insertBefore(last, Op.LAYER_NORMALIZATION, in, ln.attrs().asMap(), last.source(),
                Patterns.layerHint(last, 1, null));
        replace(last, fused, g);
        return true;
    }

    /** The other operand of {@code op} node {@code next} reading {@code v}, when shaped {@code norm} and type-preserving. */
    private static Value weight(Node next, Value v, Op op, Shape norm) {
        if (next.op() != op) return null;
        Value w = Patterns.other(next, v);
        if (w == null || w.dtype() != v.dtype() || !next.output().type().equals(v.type())) return null;
        return w.shape().equals(norm) ? w : null;
    }

    /** tf.nn.batch_normalization(x, *tf.nn.moments(x, trailing axes), beta, gamma, eps) ending in {@code add}. */
    private static boolean moments(Node add, Graph g) {
        for (int side = 0; side < 2; side++) {
            Node xInv = Patterns.producer(add.input(side), Op.MUL);
            Node shift = add.input(1 - side).producer();
            if (xInv == null || shift == null) continue;
            for (int k = 0; k < 2; k++) {
                Value x = xInv.input(k);
                Value inv = xInv.input(1 - k);
                Node mean = Patterns.producer(shiftMean(shift, inv), Op.REDUCE_MEAN);
                if (mean == null || mean.input(0) != x) continue;
                Value beta = shift.op() == Op.SUB ? shift.input(0) : null;
                Match m = inverse(inv, x, mean.output());
                if (m == null) continue;
                int from = trailingAxes(mean, x.shape());
                if (from < 0) continue;
                Shape norm = normalized(x.shape(), from);
                List<Value> in = new ArrayList<>(List.of(x));
                if (m.gamma != null || beta != null) {
                    if (m.gamma == null || !fits(m.gamma, norm, x) || beta != null && !fits(beta, norm, x)) continue;
                    in.add(m.gamma);
                    if (beta != null) in.add(beta);
                }
                if (!add.output().type().equals(x.type())) continue;
                Map<String, Object> attrs = new HashMap<>();
                attrs.put("axis", (long) from);
                attrs.put("epsilon", m.eps);
                Node fused = g.insertBefore(add, Op.LAYER_NORMALIZATION, in, attrs, add.source(),
                        Patterns.layerHint(add, 1, "batchnorm"));
                replace(add, fused, g);
                return true;
            }
        }
        return false;
    }

    /** The mean in {@code beta - mean * inv} or {@code -mean * inv} (Keras without center). */
    private static Value shiftMean(Node shift, Value inv) {
        Node prod = null;
        if (shift.op() == Op.SUB) prod = Patterns.producer(shift.input(1), Op.MUL);
        else if (shift.op() == Op.MUL) prod = shift;
        if (prod == null) return null;
        Value mean = Patterns.other(prod, inv);
        if (mean == null) return null;
        if (shift.op() == Op.MUL) {
            Node neg = Patterns.producer(mean, Op.NEG);
            return neg == null ? null : neg.input(0);
        }
        return mean;
    }

    private record Match(Value gamma, double eps) {}

    /** inv = rsqrt(mean((x - mean)^2) + eps) [* gamma]; rsqrt is reciprocal(sqrt(.)) in the IR. */
    private static Match inverse(Value inv, Value x, Value mean) {
        Value gamma = null;
        Value r = inv;
        Node mul = Patterns.producer(inv, Op.MUL);
        if (mul != null) {
            for (int k = 0; k < 2; k++) {
                if (Patterns.producer(mul.input(k), Op.RECIPROCAL) != null) {
                    r = mul.input(k);
                    gamma = mul.input(1 - k);
                }
            }
            if (gamma == null) return null;
        }
        Node recip = Patterns.producer(r, Op.RECIPROCAL);
        Node sqrt = recip == null ? null : Patterns.producer(recip.input(0), Op.SQRT);
        Node plus = sqrt == null ? null : Patterns.producer(sqrt.input(0), Op.ADD);
        if (plus == null) return null;
        for (int k = 0; k < 2; k++) {
            Node var = Patterns.producer(plus.input(k), Op.REDUCE_MEAN);
            Value eps = plus.input(1 - k);
            if (var == null || !eps.isConstant() || eps.constantValue().numElements() != 1) continue;
            Node sq = Patterns.producer(var.input(0), Op.MUL);
            Node diff = sq == null || sq.input(0) != sq.input(1) ? null : Patterns.producer(sq.input(0), Op.SUB);
            if (diff == null || diff.input(0) != x || diff.input(1) != mean) continue;
            if (!Arrays.equals(var.attrs().ints("axes"), mean.producer().attrs().ints("axes"))
                    || !var.attrs().b("keepdims")) continue;
            double e = org.tf2torch.ir.TensorValues.toDoubles(eps.constantValue())[0];
            if (!(e >= 0)) continue;
            return new Match(gamma, e);
        }
        return null;
    }

    /** The first axis of a keepdims mean over contiguous trailing axes of static size, else -1. */
    private static int trailingAxes(Node mean, Shape xs) {
        if (!mean.attrs().b("keepdims") || !xs.hasRank()) return -1;
        int r = xs.rank();
        long[] axes = mean.attrs().ints("axes");
        boolean[] seen = new boolean[r];
        for (long a : axes) {
            int i = (int) (a < 0 ? a + r : a);
            if (i < 0 || i >= r || seen[i]) return -1;
            seen[i] = true;
        }
        int from = r - axes.length;
        if (axes.length == 0) return -1;
        for (int i = from; i < r; i++) if (!seen[i] || !xs.dim(i).isStatic()) return -1;
        return from;
    }

    private static boolean fits(Value w, Shape norm, Value x) {
        return w.dtype() == x.dtype() && w.shape().equals(norm) && (x.dtype() == DType.F32 || x.dtype() == DType.F64
                || x.dtype() == DType.F16 || x.dtype() == DType.BF16);
    }

    private static Shape normalized(Shape s, int from) {
        if (!s.hasRank()) return Shape.unknownRank();
        return Shape.of(s.dims().subList(from, s.rank()));
    }

    private static boolean isStatic(Dim d, long size) { return d.isStatic() && d.size() == size; }

    private static void replace(Node old, Node fused, Graph g) {
        old.output().replaceAllUsesWith(fused.output());
        g.replaceOutput(old.output(), fused.output());
    }
}
