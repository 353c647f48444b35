package org.tf2torch.importers.graph;

import org.tf2torch.ir.Value;

/**
 * What a TF tensor became during import: an IR value, a resource handle naming a parameter (a variable
 * not yet read), or poison when something upstream could not be translated.
 */
public final class TfValue {
    private static final TfValue POISON = new TfValue(null, null);
    private final Value value;
    private final String parameter;

    private TfValue(Value value, String parameter) {
        this.value = value;
        this.parameter = parameter;
    }

    public static TfValue of(Value v) { return new TfValue(v, null); }

    public static TfValue resource(String parameterName) { return new TfValue(null, parameterName); }

    public static TfValue poison() { return POISON; }

    public boolean isPoison() { return this == POISON; }
    public boolean isResource() { return parameter != null; }
    public boolean isValue() { return value != null; }

    public Value value() {
        if (value == null) throw new IllegalStateException(isResource() ? "resource handle used as a tensor" : "poisoned value");
        return value;
    }

    public String parameter() { return parameter; }
}
