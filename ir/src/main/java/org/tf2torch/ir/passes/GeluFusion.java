package org.tf2torch.ir.passes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/**
 * TF's GELU (tf.nn.gelu, Keras's gelu activation), written out by Python as element-wise ops, becomes one
 * {@code gelu} node: {@code 0.5 * x * (1 + erf(x / 1.4142135623730951))} (or times 0.7071067811865476) is the
 * exact form, {@code 0.5 * x * (1 + tanh(0.7978845608028654 * (x + 0.044715 * x^3)))} the tanh approximation,
 * which are torch's two GELUs. The three factors may be multiplied in any order. Constants must be those
 * literals in the value's dtype (float32 or float64); anything else stays element-wise.
 */
public final class GeluFusion implements Pass {
    private static final double SQRT2 = 1.4142135623730951;
    private static final double SQRT1_2 = 0.7071067811865476;
    private static final double SQRT_2_OVER_PI = 0.7978845608028654;
    private static final double COEFF = 0.044715;

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node root : new ArrayList<>(g.nodes())) {
            if (root.graph() == null || root.op() != Op.MUL) continue;
            DType t = root.output().dtype();
            if (t != DType.F32 && t != DType.F64) continue;
            List<Value> factors = new ArrayList<>();
            flatten(root, g, factors, true);
            if (factors.size() != 3) continue;
            for (int half = 0; half < 3; half++) {
                if (!Patterns.constant(factors.get(half), 0.5)) continue;
                for (int xi = 0; xi < 3; xi++) {
                    if (xi == half) continue;
                    Value x = factors.get(xi);
                    Value rest = factors.get(3 - half - xi);
                    String approx = kind(rest, x, g);
                    if (approx == null || !x.type().equals(root.output().type())) continue;
                    Node gelu = g.insertBefore(root, Op.GELU, List.of(x), Map.of("approximate", approx),
                            root.source(), Patterns.layerHint(root, 1, null));
                    root.output().replaceAllUsesWith(gelu.output());
                    g.replaceOutput(root.output(), gelu.output());
                    changed = true;
                    half = 3;
                    break;
                }
            }
        }
        if (changed) new DeadCodeElimination().run(g);
        return changed;
    }

    /** The factors of a product of MULs whose intermediate results feed nothing else. */
    private static void flatten(Node mul, Graph g, List<Value> out, boolean root) {
        for (Value v : mul.inputs()) {
            Node p = Patterns.producer(v, Op.MUL);
            if (p != null && Patterns.internal(v, g) && out.size() < 4) flatten(p, g, out, false);
            else out.add(v);
        }
    }

    /** "none" or "tanh" when {@code t} is {@code 1 + erf(...)} or {@code 1 + tanh(...)} of {@code x}, else null. */
    private static String kind(Value t, Value x, Graph g) {
        Node add = Patterns.producer(t, Op.ADD);
        if (add == null || !Patterns.internal(t, g)) return null;
        for (int side = 0; side < 2; side++) {
            if (!Patterns.constant(add.input(side), 1.0)) continue;
            Value inner = add.input(1 - side);
            Node erf = Patterns.producer(inner, Op.ERF);
            if (erf != null && scaled(erf.input(0), x)) return "none";
            Node tanh = Patterns.producer(inner, Op.TANH);
            if (tanh != null && cubic(tanh.input(0), x)) return "tanh";
        }
        return null;
    }

    /** x / sqrt(2) or x * (1 / sqrt(2)). */
    private static boolean scaled(Value z, Value x) {
        Node div = Patterns.producer(z, Op.DIV);
        if (div != null) return div.input(0) == x && Patterns.constant(div.input(1), SQRT2);
        Node mul = Patterns.producer(z, Op.MUL);
        if (mul == null) return false;
        Value c = Patterns.other(mul, x);
        return c != null && Patterns.constant(c, SQRT1_2);
    }

    /** 0.7978845608028654 * (x + 0.044715 * x^3), either operand order. */
    private static boolean cubic(Value z, Value x) {
        Node mul = Patterns.producer(z, Op.MUL);
        if (mul == null) return false;
        for (int side = 0; side < 2; side++) {
            if (!Patterns.constant(mul.input(side), SQRT_2_OVER_PI)) continue;
            Node add = Patterns.producer(mul.input(1 - side), Op.ADD);
            if (add == null) return false;
            Value term = Patterns.other(add, x);
            Node m = Patterns.producer(term, Op.MUL);
            if (m == null) return false;
            for (int k = 0; k < 2; k++) {
                if (!Patterns.constant(m.input(k), COEFF)) continue;
                Node pow = Patterns.producer(m.input(1 - k), Op.POW);
                return pow != null && pow.input(0) == x && Patterns.constant(pow.input(1), 3.0);
            }
            return false;
        }
        return false;
    }
}
