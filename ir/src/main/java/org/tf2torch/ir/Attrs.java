package org.tf2torch.ir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Validated attribute values of one node, in schema order, defaults filled in. */
public final class Attrs {
    private final Map<String, Object> values;

    private Attrs(Map<String, Object> values) { this.values = values; }

    /** Checks {@code given} against {@code op}'s schema: no unknown names, no missing required ones, right kinds. */
    public static Attrs validate(Op op, Map<String, ?> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : given.keySet()) {
            if (op.attr(k) == null) throw new IllegalArgumentException(op.textName() + " has no attribute '" + k + "'");
        }
        for (AttrSpec spec : op.attrs()) {
            Object v = given.get(spec.name());
            if (v == null) {
                if (spec.isRequired()) {
                    throw new IllegalArgumentException(op.textName() + " needs attribute '" + spec.name() + "'");
                }
                v = spec.defaultValue();
            }
            out.put(spec.name(), spec.kind().coerce(v));
        }
        return new Attrs(out);
    }

    public static Map<String, Object> of(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    public Map<String, Object> asMap() { return Collections.unmodifiableMap(values); }

    public Object get(String name) {
        if (!values.containsKey(name)) throw new IllegalArgumentException("no attribute '" + name + "'");
        return values.get(name);
    }

    public long i(String name) { return (Long) get(name); }
    public double f(String name) { return (Double) get(name); }
    public boolean b(String name) { return (Boolean) get(name); }
    public String s(String name) { return (String) get(name); }
    public long[] ints(String name) { return ((long[]) get(name)).clone(); }
    public double[] floats(String name) { return ((double[]) get(name)).clone(); }
    public DType dtype(String name) { return (DType) get(name); }
    public Tensor tensor(String name) { return (Tensor) get(name); }
    public Graph graph(String name) { return (Graph) get(name); }

    public int[] intArray(String name) {
        long[] l = (long[]) get(name);
        int[] out = new int[l.length];
        for (int k = 0; k < l.length; k++) out[k] = Math.toIntExact(l[k]);
        return out;
    }
}
