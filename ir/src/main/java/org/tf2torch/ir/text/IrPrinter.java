package org.tf2torch.ir.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tf2torch.ir.AttrSpec;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Loops;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Parameter;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/** Prints a graph in the deterministic text form (same graph, same bytes). */
public final class IrPrinter {
    /** Constants with more elements than this print as their type only (and do not parse back). */
    static final int MAX_INLINE_ELEMENTS = 64;

    private IrPrinter() {}

    public static String print(Graph g) {
        StringBuilder sb = new StringBuilder();
        print(g, "", sb);
        return sb.toString();
    }

    /**
     * A node holding subgraphs (a loop) names them in its attributes ({@code cond=@cond}); their blocks follow
     * the node's line, indented one more level, in attribute order.
     */
    private static void print(Graph g, String indent, StringBuilder sb) {
        sb.append(indent).append("graph @").append(graphName(g)).append(" {\n");
        for (int i = 0; i < g.inputs().size(); i++) {
            Value v = g.inputs().get(i);
            sb.append(indent).append("  input ").append(v).append(" : ").append(v.type()).append(" = ")
                    .append(Quoting.quote(g.inputKeys().get(i))).append('\n');
        }
        for (Parameter p : g.params().values()) {
            sb.append(indent).append("  ").append(p.trainable() ? "weight " : "buffer ").append(Quoting.quote(p.name()))
                    .append(" : ").append(p.data().type());
            if (p.hasPath()) {
                List<String> segs = new ArrayList<>();
                for (String seg : p.path()) segs.add(Quoting.quote(seg));
                sb.append(" at [").append(String.join(", ", segs)).append(']');
            }
            sb.append('\n');
        }
        for (Node n : g.nodes()) {
            sb.append(indent).append("  ").append(node(n)).append('\n');
            for (Graph sub : Loops.subgraphs(n)) print(sub, indent + "    ", sb);
        }
        List<String> outs = new ArrayList<>();
        for (Map.Entry<String, Value> e : g.outputs().entrySet()) outs.add(Quoting.quote(e.getKey()) + " = " + e.getValue());
        sb.append(indent).append("  return").append(outs.isEmpty() ? "" : " ").append(String.join(", ", outs)).append('\n');
        sb.append(indent).append("}\n");
    }

    static String graphName(Graph g) {
        return g.name().matches("[A-Za-z0-9_.]+") ? g.name() : Quoting.quote(g.name());
    }

    public static String node(Node n) {
        StringBuilder sb = new StringBuilder();
        sb.append(n.outputs().stream().map(Value::toString).collect(Collectors.joining(", ")));
        sb.append(" = ").append(n.op().textName());
        sb.append('(').append(n.inputs().stream().map(Value::toString).collect(Collectors.joining(", "))).append(')');
        List<String> attrs = new ArrayList<>();
        for (AttrSpec spec : n.op().attrs()) {
            attrs.add(spec.name() + "=" + attrValue(n.attrs().get(spec.name())));
        }
        if (!attrs.isEmpty()) sb.append(" {").append(String.join(", ", attrs)).append('}');
        sb.append(" : ").append(n.outputs().stream().map(v -> v.type().toString()).collect(Collectors.joining(", ")));
        if (!n.source().node().isEmpty()) {
            sb.append("  # tf ").append(Quoting.quote(n.source().node())).append(' ').append(Quoting.quote(n.source().op()));
            if (!n.source().function().isEmpty()) sb.append(' ').append(Quoting.quote(n.source().function()));
        }
        return sb.toString();
    }

    static String attrValue(Object v) {
        if (v instanceof String) return Quoting.quote((String) v);
        if (v instanceof Double) return number((Double) v);
        if (v instanceof long[]) {
            long[] a = (long[]) v;
            List<String> s = new ArrayList<>();
            for (long x : a) s.add(Long.toString(x));
            return "[" + String.join(",", s) + "]";
        }
        if (v instanceof double[]) {
            double[] a = (double[]) v;
            List<String> s = new ArrayList<>();
            for (double x : a) s.add(number(x));
            return "[" + String.join(",", s) + "]";
        }
        if (v instanceof DType) return ((DType) v).irName();
        if (v instanceof Tensor) return tensor((Tensor) v);
        if (v instanceof Graph) return "@" + graphName((Graph) v);
        return String.valueOf(v);
    }

    /**
     * Shortest text that reads back as {@code d}'s float when {@code d} is one (so attributes taken from TF's
     * float attrs read 0.001, not 0.0010000000474974513), else as the exact double.
     */
    static String number(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        float f = (float) d;
        return f == d ? Float.toString(f) : Double.toString(d);
    }

    /** f64 data must read back bit-exact, so it never takes the float shortcut of {@link #number}. */
    static String exactNumber(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return number(d);
        return Double.toString(d);
    }

    static String tensor(Tensor t) {
        StringBuilder sb = new StringBuilder("dense<").append(t.type()).append('>');
        if (t.numElements() > MAX_INLINE_ELEMENTS) return sb.append("...").toString();
        List<String> vals = new ArrayList<>();
        if (t.dtype().isFloating()) {
            boolean f64 = t.dtype() == DType.F64;
            for (double d : TensorValues.toDoubles(t)) vals.add(f64 ? exactNumber(d) : number(d));
        } else {
            for (long l : TensorValues.toLongs(t)) vals.add(Long.toString(l));
        }
        return sb.append('[').append(String.join(",", vals)).append(']').toString();
    }

    /** True when every constant prints in full, so the text parses back to an equal graph. */
    public static boolean roundTrips(Graph g) {
        for (Node n : g.nodes()) {
            if (n.op() == Op.CONSTANT && n.attrs().tensor("value").numElements() > MAX_INLINE_ELEMENTS) return false;
            for (Graph sub : Loops.subgraphs(n)) if (!roundTrips(sub)) return false;
        }
        return true;
    }
}
