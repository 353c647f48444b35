package org.tf2torch.ir.passes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Attrs;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * Moves transposes down through element-wise ops and merges transposes that meet. TF's channels-last ops are
 * imported as transpose-in, channels-first op, transpose-out; with bias adds and activations sunk past the
 * transpose-out, each transpose-out meets the next op's transpose-in and both disappear.
 */
public final class TransposeOptimization implements Pass {
    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        boolean again = true;
        while (again) {
            again = false;
            for (Node n : new ArrayList<>(g.nodes())) {
                if (n.graph() == null) continue;
                if (n.op() == Op.TRANSPOSE && merge(g, n)) again = true;
                else if (n.op().isElementwiseUnary() && sinkUnary(g, n)) again = true;
                else if (n.op().isElementwiseBinary() && sinkBinary(g, n)) again = true;
                else if (REDUCTIONS.contains(n.op()) && sinkReduce(g, n)) again = true;
                else if (n.op() == Op.CONCAT && TransposeSinks.concat(g, n)) again = true;
            }
            if (again) {
                new DeadCodeElimination().run(g);
                new IdentityRemoval().run(g);
                changed = true;
            }
        }
        return changed;
    }

    private static Node transposeProducer(Value v) {
        Node p = v.producer();
        return p != null && p.op() == Op.TRANSPOSE ? p : null;
    }

    /** A transpose that can move: its one reader is the op it moves past, and no graph output keeps it alive. */
    private static Node movableTranspose(Graph g, Value v) {
        Node t = transposeProducer(v);
        return t == null || t.output().uses().size() != 1 || g.isOutput(t.output()) ? null : t;
    }

    /** transpose(transpose(x, p1), p2) = transpose(x, p1∘p2). */
    private static boolean merge(Graph g, Node n) {
        Node inner = transposeProducer(n.input(0));
        if (inner == null) return false;
        int[] p1 = inner.attrs().intArray("perm");
        int[] p2 = n.attrs().intArray("perm");
        int[] composed = new int[p2.length];
        for (int i = 0; i < p2.length; i++) composed[i] = p1[p2[i]];
        Node t = g.insertBefore(n, Op.TRANSPOSE, List.of(inner.input(0)), Attrs.of("perm", composed), n.source(),
                n.output().name());
        replace(g, n, t.output());
        return true;
    }

    /** u(transpose(x)) = transpose(u(x)), when the transpose feeds nothing else the rewrite would duplicate. */
    private static boolean sinkUnary(Graph g, Node n) {
        Node t = movableTranspose(g, n.input(0));
        if (t == null) return false;
        Node u = g.insertBefore(n, n.op(), List.of(t.input(0)), n.attrs().asMap(), n.source(), n.output().name());
        Node nt = g.insertBefore(n, Op.TRANSPOSE, List.of(u.output()), t.attrs().asMap(), t.source(),
                t.output().name());
        replace(g, n, nt.output());
        return true;
    }

    /**
     * b(transpose(x), y) = transpose(b(x, y')) when y is a transposed value with the same permutation, or a
     * small operand (rank 0/1, typically a bias) that can be re-laid out with a reshape.
     */
    private static boolean sinkBinary(Graph g, Node n) {
        for (int side = 0; side < 2; side++) {
            Node t = movableTranspose(g, n.input(side));
            if (t == null) continue;
            int[] perm = t.attrs().intArray("perm");
            Value other = n.input(1 - side);
            Value moved = relayout(g, n, other, perm);
            if (moved == null) continue;
            List<Value> ops = side == 0 ? List.of(t.input(0), moved) : List.of(moved, t.input(0));
            Node b = g.insertBefore(n, n.op(), ops, n.attrs().asMap(), n.source(), n.output().name());
            Node nt = g.insertBefore(n, Op.TRANSPOSE, List.of(b.output()), t.attrs().asMap(), t.source(),
                    t.output().name());
            replace(g, n, nt.output());
            return true;
        }
        return false;
    }

    /** The other operand laid out for the untransposed side, or null when that is not cheap and exact. */
    private static Value relayout(Graph g, Node at, Value other, int[] perm) {
        Node ot = transposeProducer(other);
        if (ot != null && java.util.Arrays.equals(ot.attrs().intArray("perm"), perm)) return ot.input(0);
        Shape s = other.shape();
        if (!s.hasRank() || s.rank() > 1 || !s.isStatic()) return null;
        if (s.rank() == 0 || s.sizes()[0] == 1) return other;
        int rank = perm.length;
        // other broadcasts against the last axis of the transposed value, which is axis perm[rank-1] before it.
        long[] shape = new long[rank];
        java.util.Arrays.fill(shape, 1);
        shape[perm[rank - 1]] = s.sizes()[0];
        Value shapeConst = g.insertBefore(at, Op.CONSTANT, List.of(), Map.of("value", TensorValues.i64Vector(shape)),
                at.source(), "shape").output();
        return g.insertBefore(at, Op.RESHAPE, List.of(other, shapeConst), Map.of(), at.source(), other.name())
                .output();
    }

    private static final java.util.Set<Op> REDUCTIONS = java.util.EnumSet.of(Op.REDUCE_MEAN, Op.REDUCE_SUM,
            Op.REDUCE_MAX, Op.REDUCE_MIN, Op.REDUCE_PROD, Op.REDUCE_ALL, Op.REDUCE_ANY);

    /**
     * reduce(transpose(x, p), axes) = transpose(reduce(x, p[axes]), q): the reduction runs on the axes they were
     * before the transpose, and q orders what is left as the transposed value had it (none when already in
     * order). Keras's GlobalAveragePooling2D, a mean over H and W of NHWC, then reads the channels-first
     * activation directly.
     */
    private static boolean sinkReduce(Graph g, Node n) {
        Node t = movableTranspose(g, n.input(0));
        if (t == null) return false;
        int[] perm = t.attrs().intArray("perm");
        int rank = perm.length;
        long[] axes = n.attrs().ints("axes");
        if (axes.length == 0) return false;
        boolean[] reduced = new boolean[rank];
        for (long a : axes) {
            long k = a < 0 ? a + rank : a;
            if (k < 0 || k >= rank || reduced[(int) k]) return false;
            reduced[(int) k] = true;
        }
        long[] moved = new long[axes.length];
        int j = 0;
        for (int i = 0; i < rank; i++) if (reduced[i]) moved[j++] = perm[i];
        java.util.Arrays.sort(moved);
        Map<String, Object> attrs = new java.util.HashMap<>(n.attrs().asMap());
        attrs.put("axes", moved);
        boolean keep = Boolean.TRUE.equals(attrs.get("keepdims"));
        int[] rest;
        if (keep) {
            rest = perm;
        } else {
            // the kept axes of x, in the transposed value's order, renumbered after the reduced ones are gone
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < rank; i++) if (!reduced[i]) kept.add(perm[i]);
            List<Integer> sorted = new ArrayList<>(kept);
            java.util.Collections.sort(sorted);
            rest = new int[kept.size()];
            for (int i = 0; i < rest.length; i++) rest[i] = sorted.indexOf(kept.get(i));
        }
        Node r = g.insertBefore(n, n.op(), List.of(t.input(0)), attrs, n.source(), n.output().name());
        Value out = r.output();
        boolean identity = true;
        for (int i = 0; i < rest.length; i++) identity &= rest[i] == i;
        if (!identity) {
            out = g.insertBefore(n, Op.TRANSPOSE, List.of(r.output()), Map.of("perm", toLongs(rest)), t.source(),
                    t.output().name()).output();
        }
        replace(g, n, out);
        return true;
    }

    private static long[] toLongs(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }

    private static void replace(Graph g, Node old, Value with) {
        old.output().replaceAllUsesWith(with);
        g.replaceOutput(old.output(), with);
    }
}
