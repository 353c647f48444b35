package org.tf2torch.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * The contract of {@link Op#LOOP}, shared by shape inference and the verifier. With {@code n = carried}:
 * inputs are {@code [init_1..init_n, capture_1..capture_m]}; {@code cond} and {@code body} each take
 * {@code n + m} inputs of those types (a carried input may be more general than its initial value, as the
 * value may change shape between iterations); cond returns one bool scalar; body returns the n next values.
 * The loop's results are the carried values when cond first returns false:
 *
 * <pre>
 *   v = init; while cond(v, captures): v = body(v, captures); return v
 * </pre>
 */
public final class Loops {
    private Loops() {}

    public static int carried(Node n) { return Math.toIntExact(n.attrs().i("carried")); }

    public static Graph cond(Node n) { return n.attrs().graph("cond"); }

    public static Graph body(Node n) { return n.attrs().graph("body"); }

    /** Every subgraph a node holds, in attribute order (empty for ordinary ops). */
    public static List<Graph> subgraphs(Node n) {
        List<Graph> out = new ArrayList<>();
        for (AttrSpec a : n.op().attrs()) if (a.kind() == AttrKind.GRAPH) out.add(n.attrs().graph(a.name()));
        return out;
    }

    /** Result types: the body's carried input types. */
    static List<TensorType> resultTypes(Node n) {
        int k = carried(n);
        Graph body = body(n);
        if (k < 0 || k > n.inputs().size() || body.inputs().size() < k) {
            throw new IllegalArgumentException("loop carries " + k + " values but has " + n.inputs().size()
                    + " inputs and its body takes " + body.inputs().size());
        }
        List<TensorType> out = new ArrayList<>();
        for (int i = 0; i < k; i++) out.add(body.inputs().get(i).type());
        return out;
    }

    /** Problems with the loop contract (the subgraphs' own structure is checked by the verifier). */
    static List<String> check(Node n) {
        List<String> errs = new ArrayList<>();
        int k = carried(n);
        if (k < 0 || k > n.inputs().size()) {
            errs.add("carried=" + k + " but the loop has " + n.inputs().size() + " inputs");
            return errs;
        }
        for (String which : List.of("cond", "body")) {
            Graph g = n.attrs().graph(which);
            if (g.inputs().size() != n.inputs().size()) {
                errs.add(which + " takes " + g.inputs().size() + " inputs, the loop passes " + n.inputs().size());
                continue;
            }
            if (!g.params().isEmpty()) errs.add(which + " declares parameters; capture them from the outer graph");
            for (int i = 0; i < g.inputs().size(); i++) {
                TensorType inner = g.inputs().get(i).type();
                TensorType outer = n.input(i).type();
                if (inner.dtype() != outer.dtype() || !compatible(inner.shape(), outer.shape())) {
                    errs.add(which + " input " + i + " is " + inner + " but the loop passes " + outer);
                }
            }
        }
        List<Value> c = new ArrayList<>(cond(n).outputs().values());
        if (c.size() != 1 || c.get(0).dtype() != DType.BOOL
                || c.get(0).shape().hasRank() && c.get(0).shape().rank() != 0) {
            errs.add("cond must return one bool scalar, returns " + c.stream().map(Value::type).toList());
        }
        List<Value> next = new ArrayList<>(body(n).outputs().values());
        if (next.size() != k) {
            errs.add("body returns " + next.size() + " values for " + k + " carried ones");
        } else {
            for (int i = 0; i < k && i < body(n).inputs().size(); i++) {
                TensorType want = body(n).inputs().get(i).type();
                TensorType have = next.get(i).type();
                if (want.dtype() != have.dtype() || !compatible(want.shape(), have.shape())) {
                    errs.add("body returns " + have + " for carried value " + i + " of type " + want);
                }
            }
        }
        return errs;
    }

    /** Same rank and no two differing static sizes (either side may know less). */
    static boolean compatible(Shape a, Shape b) {
        if (!a.hasRank() || !b.hasRank()) return true;
        if (a.rank() != b.rank()) return false;
        for (int i = 0; i < a.rank(); i++) {
            if (a.dim(i).isStatic() && b.dim(i).isStatic() && a.dim(i).size() != b.dim(i).size()) return false;
        }
        return true;
    }
}
