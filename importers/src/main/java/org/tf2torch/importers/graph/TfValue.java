package org.tf2torch.importers.graph;

import org.tf2torch.ir.Value;

/**
 * What a TF tensor became during import: an IR value, a resource handle naming a parameter (a variable
 * not yet read), a TF1 TensorArray handle or flow ({@link TensorArrayState}), or poison when something
 * upstream could not be translated.
 */
public final class TfValue {
    private static final TfValue POISON = new TfValue(null, null, null);
    private static final TfValue DEAD = new TfValue(null, null, null);
    private final Value value;
    private final String parameter;
    private final Guard guard;
    private final TensorArrayState array;

    private TfValue(Value value, String parameter, Guard guard) {
        this(value, parameter, guard, null);
    }

    private TfValue(Value value, String parameter, Guard guard, TensorArrayState array) {
        this.value = value;
        this.parameter = parameter;
        this.guard = guard;
        this.array = array;
    }

    /** A TensorArray's handle or flow: what the TensorArray ops read and write instead of a tensor. */
    public static TfValue array(TensorArrayState s) { return new TfValue(null, null, null, s); }

    public boolean isArray() { return array != null; }

    public TensorArrayState array() { return array; }

    public static TfValue of(Value v) { return new TfValue(v, null, null); }

    public static TfValue resource(String parameterName) { return new TfValue(null, parameterName, null); }

    public static TfValue poison() { return POISON; }

    /** The untaken side of a TF1 cond whose predicate is a constant: nothing downstream of it is computed. */
    public static TfValue dead() { return DEAD; }

    /**
     * A value computed inside branches of TF1 conds with run-time predicates. All branches are computed (they
     * are pure) and each Merge selects with {@code where(pred, ...)}.
     */
    static TfValue guarded(Value v, Guard g) { return new TfValue(v, null, g); }

    public boolean isPoison() { return this == POISON; }
    public boolean isDead() { return this == DEAD; }
    Guard guard() { return guard; }

    /** The same guard around another value. */
    TfValue withValue(Value v) { return guarded(v, guard); }
    public boolean isResource() { return parameter != null; }
    public boolean isValue() { return value != null; }

    public Value value() {
        if (value == null) {
            throw new IllegalStateException(isResource() ? "resource handle used as a tensor"
                    : isArray() ? "TensorArray handle or flow used as a tensor" : "poisoned value");
        }
        return value;
    }

    public String parameter() { return parameter; }
}
