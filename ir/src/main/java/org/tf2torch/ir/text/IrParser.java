package org.tf2torch.ir.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.AttrKind;
import org.tf2torch.ir.AttrSpec;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.DenseTensor;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Parameter;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.SourceRef;
import org.tf2torch.ir.TensorType;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/** Reads the text form back into a {@link Graph}; parameters get zero-filled data of their declared type. */
public final class IrParser {
    private final Map<String, Value> values = new HashMap<>();
    private final String[] lines;
    /** Index of the next line to read, shared with the parsers of nested subgraph blocks. */
    private final int[] next;
    private Graph graph;

    private IrParser(String[] lines, int[] next) {
        this.lines = lines;
        this.next = next;
    }

    public static Graph parse(String text) {
        String[] lines = text.split("\n", -1);
        int[] next = {0};
        Graph g = new IrParser(lines, next).block(false);
        if (g == null) throw new IllegalArgumentException("IR text has no complete 'graph @name { ... }'");
        for (; next[0] < lines.length; next[0]++) {
            if (skipped(lines[next[0]])) continue;
            throw new Cursor(lines[next[0]], next[0] + 1).error("text after the closing '}'");
        }
        return g;
    }

    private static boolean skipped(String raw) { return raw.isBlank() || raw.trim().startsWith("//"); }

    /** Reads one {@code graph @name { ... }} block; null when the text ends first (for a nested one, an error). */
    private Graph block(boolean nested) {
        while (next[0] < lines.length) {
            int i = next[0]++;
            String raw = lines[i];
            if (skipped(raw)) continue;
            Cursor c = new Cursor(raw, i + 1);
            if (graph == null) {
                c.expect("graph");
                c.expect("@");
                graph = new Graph(c.peek() == '"' ? c.string() : c.word());
                c.expect("{");
            } else if (c.tryConsume("}")) {
                c.expectEnd();
                return graph;
            } else if (c.tryConsume("input ")) {
                String name = c.valueName();
                c.expect(":");
                TensorType t = type(c);
                c.expect("=");
                String key = c.string();
                values.put(name, guard(c, () -> graph.addTypedInput(key, name, t)));
            } else if (c.tryConsume("weight ") || c.tryConsume("buffer ")) {
                boolean trainable = raw.trim().startsWith("weight");
                String name = c.string();
                c.expect(":");
                TensorType t = type(c);
                List<String> path = new ArrayList<>();
                if (c.tryConsume("at")) {
                    c.expect("[");
                    while (!c.tryConsume("]")) {
                        if (!path.isEmpty()) c.expect(",");
                        path.add(c.string());
                    }
                }
                guard(c, () -> {
                    graph.addParameter(new Parameter(name, zeros(t), trainable, path));
                    return null;
                });
            } else if (c.tryConsume("return")) {
                parseReturn(c);
            } else {
                parseNode(c);
            }
            c.expectEnd();
        }
        if (nested) {
            throw new IllegalArgumentException("line " + lines.length + ": subgraph block @" + (graph == null ? "?"
                    : graph.name()) + " is not closed");
        }
        return null;
    }

    private void parseReturn(Cursor c) {
        while (!c.atEnd()) {
            String key = c.string();
            if (graph.outputs().containsKey(key)) throw c.error("output \"" + key + "\" is returned twice");
            c.expect("=");
            graph.setOutput(key, lookup(c, c.valueName()));
            if (!c.tryConsume(",")) break;
        }
    }

    private void parseNode(Cursor c) {
        List<String> outs = new ArrayList<>();
        do {
            outs.add(c.valueName());
        } while (c.tryConsume(","));
        c.expect("=");
        Op op;
        try {
            op = Op.fromTextName(c.word());
        } catch (IllegalArgumentException e) {
            throw c.errorAtToken(e.getMessage());
        }
        c.expect("(");
        List<Value> in = new ArrayList<>();
        if (!c.tryConsume(")")) {
            do {
                in.add(lookup(c, c.valueName()));
            } while (c.tryConsume(","));
            c.expect(")");
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        if (c.tryConsume("{")) {
            if (!c.tryConsume("}")) {
                do {
                    String k = c.word();
                    c.expect("=");
                    AttrSpec spec = op.attr(k);
                    if (spec == null) throw c.errorAtToken(op.textName() + " has no attribute '" + k + "'");
                    if (attrs.containsKey(k)) throw c.error("attribute '" + k + "' is given twice");
                    if (spec.kind() == AttrKind.GRAPH) {
                        c.expect("@");
                        attrs.put(k, c.peek() == '"' ? c.string() : c.word());
                    } else {
                        attrs.put(k, attrValue(c, spec.kind()));
                    }
                } while (c.tryConsume(","));
                c.expect("}");
            }
        }
        c.expect(":");
        List<TensorType> types = new ArrayList<>();
        do {
            types.add(type(c));
        } while (c.tryConsume(","));
        if (types.size() != outs.size()) throw c.error(outs.size() + " results but " + types.size() + " types");
        SourceRef src = SourceRef.NONE;
        if (c.tryConsume("#")) {
            c.expect("tf");
            String node = c.string();
            String tfOp = c.string();
            String fn = c.atEnd() ? "" : c.string();
            src = new SourceRef(node, tfOp, fn);
        }
        c.expectEnd();
        readSubgraphs(c, op, attrs);
        int results;
        try {
            results = op.numOutputs() >= 0 ? op.numOutputs() : op.numOutputs(org.tf2torch.ir.Attrs.validate(op, attrs));
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
        if (outs.size() != results) {
            throw c.error(op.textName() + " has " + results + " result(s), the line names " + outs.size());
        }
        try {
            List<Value> res = graph.addTyped(op, in, attrs, src, outs, types).outputs();
            for (int k = 0; k < outs.size(); k++) values.put(outs.get(k), res.get(k));
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
    }

    /** The blocks named by a node's subgraph attributes follow its line, in attribute order. */
    private void readSubgraphs(Cursor c, Op op, Map<String, Object> attrs) {
        for (AttrSpec spec : op.attrs()) {
            if (spec.kind() != AttrKind.GRAPH || !(attrs.get(spec.name()) instanceof String)) continue;
            String want = (String) attrs.get(spec.name());
            Graph sub = new IrParser(lines, next).block(true);
            if (!sub.name().equals(want)) {
                throw c.error(spec.name() + "=@" + want + " but the next block is @" + sub.name());
            }
            attrs.put(spec.name(), sub);
        }
    }

    private Value lookup(Cursor c, String name) {
        Value v = values.get(name);
        if (v == null) throw c.errorAtToken("%" + name + " is not defined above");
        return v;
    }

    private static TensorType type(Cursor c) {
        String dt = c.word();
        String shape = c.bracketed();
        try {
            return new TensorType(DType.fromIrName(dt), Shape.parse(shape));
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
    }

    /** One attribute value of the given kind; package-private so tests reach kinds no op uses yet. */
    static Object attrValue(Cursor c, AttrKind kind) {
        switch (kind) {
            case INT: return parseLong(c, c.number());
            case FLOAT: return parseDouble(c, c.number());
            case BOOL: {
                String w = c.word();
                if (!w.equals("true") && !w.equals("false")) throw c.error("expected true or false, got '" + w + "'");
                return w.equals("true");
            }
            case STRING: return c.string();
            case DTYPE: {
                String w = c.word();
                return guard(c, () -> DType.fromIrName(w));
            }
            case INTS: {
                List<Long> l = new ArrayList<>();
                c.expect("[");
                if (!c.tryConsume("]")) {
                    do l.add(parseLong(c, c.number())); while (c.tryConsume(","));
                    c.expect("]");
                }
                return l.stream().mapToLong(Long::longValue).toArray();
            }
            case FLOATS: {
                List<Double> l = new ArrayList<>();
                c.expect("[");
                if (!c.tryConsume("]")) {
                    do l.add(parseDouble(c, c.number())); while (c.tryConsume(","));
                    c.expect("]");
                }
                return l.stream().mapToDouble(Double::doubleValue).toArray();
            }
            default: return tensor(c);
        }
    }

    private static DenseTensor tensor(Cursor c) {
        c.expect("dense<");
        TensorType t = type(c);
        c.expect(">");
        if (c.tryConsume("...")) throw c.error("constant data was elided by the printer; it cannot be parsed back");
        List<String> items = new ArrayList<>();
        c.expect("[");
        if (!c.tryConsume("]")) {
            do items.add(c.number()); while (c.tryConsume(","));
            c.expect("]");
        }
        Shape s = t.shape();
        if (!s.isStatic()) throw c.error("constant type " + t + " must have a static shape");
        if (items.size() != s.numElements()) throw c.error("constant of " + t + " lists " + items.size() + " values");
        if (t.dtype().isFloating()) {
            return TensorValues.ofDoubles(t.dtype(), s, items.stream().mapToDouble(x -> parseDouble(c, x)).toArray());
        }
        return TensorValues.ofLongs(t.dtype(), s, items.stream().mapToLong(x -> parseLong(c, x)).toArray());
    }

    private static long parseLong(Cursor c, String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw c.error("expected an integer, got '" + s + "'");
        }
    }

    private static double parseDouble(Cursor c, String s) {
        switch (s) {
            case "nan": return Double.NaN;
            case "inf": return Double.POSITIVE_INFINITY;
            case "-inf": return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw c.error("expected a number, got '" + s + "'");
                }
        }
    }

    /** Graph-building errors carry no position; this gives them the line and column being parsed. */
    private static <T> T guard(Cursor c, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw c.error(e.getMessage());
        }
    }

    private static DenseTensor zeros(TensorType t) {
        if (!t.shape().isStatic()) throw new IllegalArgumentException("parameter type " + t + " must be static");
        long bytes = t.shape().numElements() * t.dtype().byteSize();
        return new DenseTensor(t.dtype(), t.shape(), new byte[Math.toIntExact(bytes)]);
    }
}
