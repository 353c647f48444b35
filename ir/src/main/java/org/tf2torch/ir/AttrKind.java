package org.tf2torch.ir;

/** Kinds of node attribute values and the Java types that hold them. */
public enum AttrKind {
    INT(Long.class), FLOAT(Double.class), BOOL(Boolean.class), STRING(String.class),
    INTS(long[].class), FLOATS(double[].class), DTYPE(DType.class), TENSOR(Tensor.class),
    /** A subgraph (a loop's cond or body); it is owned by the node that holds it. */
    GRAPH(Graph.class);

    private final Class<?> javaType;

    AttrKind(Class<?> javaType) { this.javaType = javaType; }

    public Class<?> javaType() { return javaType; }

    /** Converts convenient Java values (Integer, int[], List of numbers, Float) to the canonical holder. */
    public Object coerce(Object v) {
        switch (this) {
            case INT:
                if (v instanceof Number && !(v instanceof Double) && !(v instanceof Float)) return ((Number) v).longValue();
                break;
            case FLOAT:
                if (v instanceof Number) return ((Number) v).doubleValue();
                break;
            case INTS:
                // copies, so a caller reusing its array cannot change a node afterwards
                if (v instanceof long[]) return ((long[]) v).clone();
                if (v instanceof int[]) {
                    int[] a = (int[]) v;
                    long[] out = new long[a.length];
                    for (int i = 0; i < a.length; i++) out[i] = a[i];
                    return out;
                }
                if (v instanceof java.util.List) {
                    java.util.List<?> l = (java.util.List<?>) v;
                    long[] out = new long[l.size()];
                    for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).longValue();
                    return out;
                }
                break;
            case FLOATS:
                if (v instanceof double[]) return ((double[]) v).clone();
                if (v instanceof float[]) {
                    float[] a = (float[]) v;
                    double[] out = new double[a.length];
                    for (int i = 0; i < a.length; i++) out[i] = a[i];
                    return out;
                }
                break;
            default:
                break;
        }
        if (v == null || !javaType.isInstance(v)) {
            throw new IllegalArgumentException("attribute of kind " + this + " cannot hold "
                    + (v == null ? "null" : v.getClass().getSimpleName()));
        }
        return v;
    }
}
