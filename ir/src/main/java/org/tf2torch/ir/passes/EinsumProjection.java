package org.tf2torch.ir.passes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Einsums;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Parameter;
import org.tf2torch.ir.ReshapedTensor;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * An einsum of an activation with a weight that contracts the activation's trailing axes with the weight's
 * leading ones (Keras EinsumDense: {@code abc,cde->abde} for attention's query/key/value, {@code abcd,cde->abe}
 * for its output) is a matmul with the weight viewed as a matrix: x reshaped to [..., prod(contracted)] @ W
 * [prod(contracted), prod(out)], reshaped to [..., out...]. The weight is stored as that matrix, and a bias
 * [out...] added right after the einsum as [prod(out)] on the matmul, so the pair is a plain Dense (and later an
 * {@code nn.Linear}). Only weights read by this one einsum are rewritten; the activation's free dims may hold
 * at most one non-static dim (the reshapes write it as -1).
 */
public final class EinsumProjection implements Pass {
    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node n : new ArrayList<>(g.nodes())) {
            if (n.graph() != null && n.op() == Op.EINSUM && n.inputs().size() == 2) changed |= rewrite(n, g);
        }
        if (changed) new DeadCodeElimination().run(g);
        return changed;
    }

    private static boolean rewrite(Node ein, Graph g) {
        Parameter w = soleReader(ein.input(1), g);
        if (w == null) return false;
        Einsums.Equation eq;
        try {
            eq = Einsums.parse(ein.attrs().s("equation"), 2);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (eq.hasEllipsis() || eq.output().indexOf(Einsums.ELLIPSIS) >= 0) return false;
        String xs = eq.inputs().get(0);
        String ks = eq.inputs().get(1);
        String ys = eq.output();
        int c = 0;
        while (c < ks.length() && xs.indexOf(ks.charAt(c)) >= 0) c++;
        String contracted = ks.substring(0, c);
        String out = ks.substring(c);
        String free = xs.length() > c ? xs.substring(0, xs.length() - c) : "";
        if (c == 0 || free.isEmpty() || !xs.equals(free + contracted) || !ys.equals(free + out) || distinct(xs + out)) {
            return false;
        }
        Shape x = ein.input(0).shape();
        long[] k = w.data().shape().sizes();
        if (!x.hasRank() || x.rank() != xs.length()) return false;
        long pc = 1;
        for (int i = 0; i < c; i++) pc *= k[i];
        long po = 1;
        for (int i = c; i < k.length; i++) po *= k[i];
        int dynamic = 0;
        for (int i = 0; i < free.length(); i++) {
            Dim d = x.dim(i);
            if (!d.isStatic()) dynamic++;
            else if (d.size() == 0) return false;
        }
        if (dynamic > 1 || pc == 0 || po == 0) return false;
        Node add = biasAdd(ein, g, k, c);
        Parameter b = add == null ? null : soleReader(Patterns.other(add, ein.output()), g);
        Node last = add != null && b != null ? add : ein;
        Value in = ein.input(0);
        if (c > 1) in = reshape(g, last, in, free.length(), new long[] {pc}, in.name() + "_flat");
        fold(g, w, ein.input(1), Shape.of(pc, po));
        Value y = g.insertBefore(last, Op.MATMUL, List.of(in, ein.input(1)), Map.of(), ein.source(),
                Patterns.layerHint(ein, 1, "einsum") + (last == add ? "_matmul" : "")).output();
        if (last == add) {
            Value bv = Patterns.other(add, ein.output());
            fold(g, b, bv, Shape.of(po));
            y = g.insertBefore(last, Op.ADD, List.of(y, bv), Map.of(), add.source(), Patterns.layerHint(add, 1, null))
                    .output();
        }
        if (k.length - c > 1) {
            long[] tail = new long[k.length - c];
            System.arraycopy(k, c, tail, 0, tail.length);
            y = reshape(g, last, y, free.length(), tail, y.name() + "_split");
        }
        last.output().replaceAllUsesWith(y);
        g.replaceOutput(last.output(), y);
        return true;
    }

    /** True when some label repeats (a diagonal), which a matmul cannot express. */
    private static boolean distinct(String labels) {
        for (int i = 0; i < labels.length(); i++) if (labels.indexOf(labels.charAt(i)) != i) return true;
        return false;
    }

    /** The einsum's only reader when it adds a bias shaped like the weight's output dims. */
    private static Node biasAdd(Node ein, Graph g, long[] k, int c) {
        if (!Patterns.internal(ein.output(), g)) return null;
        Node add = ein.output().uses().get(0).user();
        if (add.op() != Op.ADD) return null;
        Value b = Patterns.other(add, ein.output());
        if (b == null || !add.output().type().equals(ein.output().type())) return null;
        long[] tail = new long[k.length - c];
        System.arraycopy(k, c, tail, 0, tail.length);
        return b.shape().equals(Shape.of(tail)) ? add : null;
    }

    /** The parameter behind {@code v} when its PARAM node is the weight's only one and {@code v} has one reader. */
    private static Parameter soleReader(Value v, Graph g) {
        Node p = v == null ? null : Patterns.producer(v, Op.PARAM);
        if (p == null || !Patterns.internal(v, g)) return null;
        String name = p.attrs().s("name");
        for (Node n : g.nodes()) if (n != p && n.op() == Op.PARAM && n.attrs().s("name").equals(name)) return null;
        Parameter param = g.params().get(name);
        return param != null && param.data().shape().equals(v.shape()) ? param : null;
    }

    private static void fold(Graph g, Parameter p, Value v, Shape s) {
        g.replaceParameter(p.withData(new ReshapedTensor(p.data(), s)));
        v.setType(g.params().get(p.name()).data().type());
    }

    /** {@code v} reshaped to its first {@code keep} dims (one non-static one as -1) followed by {@code tail}. */
    private static Value reshape(Graph g, Node anchor, Value v, int keep, long[] tail, String hint) {
        long[] shape = new long[keep + tail.length];
        for (int i = 0; i < keep; i++) {
            Dim d = v.shape().dim(i);
            shape[i] = d.isStatic() ? d.size() : -1;
        }
        System.arraycopy(tail, 0, shape, keep, tail.length);
        Value target = g.insertBefore(anchor, Op.CONSTANT, List.of(), Map.of("value", TensorValues.i64Vector(shape)),
                anchor.source(), "shape").output();
        return g.insertBefore(anchor, Op.RESHAPE, List.of(v, target), Map.of(), anchor.source(), hint)
                .output();
    }
}
