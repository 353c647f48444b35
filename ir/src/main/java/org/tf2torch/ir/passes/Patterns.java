package org.tf2torch.ir.passes;

import org.tf2torch.ir.DType;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/** Small matching helpers shared by the fusion passes. */
final class Patterns {
    private Patterns() {}

    /** {@code v}'s producer when it is {@code op}, else null. */
    static Node producer(Value v, Op op) {
        Node p = v == null ? null : v.producer();
        return p != null && p.op() == op ? p : null;
    }

    /** True when {@code v} is read by exactly one node and is no graph output: folding it away loses nothing. */
    static boolean internal(Value v, Graph g) { return v.uses().size() == 1 && !g.isOutput(v); }

    /** The operand of binary {@code n} that is not {@code v}, or null when {@code v} is not exactly one of them. */
    static Value other(Node n, Value v) {
        if (n.input(0) == v && n.input(1) != v) return n.input(1);
        if (n.input(1) == v && n.input(0) != v) return n.input(0);
        return null;
    }

    /**
     * A name for a node that replaces a Keras layer's subgraph: the TF scope of {@code n}'s source without its
     * last {@code drop} components and any trailing {@code skip} scope ({@code ln1/batchnorm/add_1} → {@code ln1}),
     * so the module's locals read as the layer; {@code n}'s own value name when the node has no TF source.
     */
    static String layerHint(Node n, int drop, String skip) {
        String src = n.source().node();
        if (src == null || src.isEmpty()) return n.output().name();
        String[] parts = src.split("/");
        int end = parts.length - drop;
        if (end > 1 && skip != null && parts[end - 1].equals(skip)) end--;
        return end < 1 ? n.output().name() : String.join("/", java.util.Arrays.copyOf(parts, end));
    }

    /**
     * True when {@code v} is a one-element float32/float64 constant equal to {@code target} rounded to its dtype:
     * the literal TF's Python code writes, as the graph holds it.
     */
    static boolean constant(Value v, double target) {
        if (v == null || !v.isConstant()) return false;
        Tensor t = v.constantValue();
        if (t.numElements() != 1 || t.dtype() != DType.F32 && t.dtype() != DType.F64) return false;
        double x = TensorValues.toDoubles(t)[0];
        return t.dtype() == DType.F32 ? x == (double) (float) target : x == target;
    }
}
