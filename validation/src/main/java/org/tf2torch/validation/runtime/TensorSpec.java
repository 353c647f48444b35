package org.tf2torch.validation.runtime;

import java.util.Arrays;
import java.util.Objects;
import org.tf2torch.ir.DType;

/**
 * What a model declares for one input or output.
 *
 * @param name       the key callers use (signature key, or tensor name for a GraphDef)
 * @param dtype      element type, or null when tf2torch has no such type (strings, uint16, ...)
 * @param shape      sizes with -1 for an unknown dimension, or null when even the rank is unknown
 * @param tensorName the framework's own tensor name ({@code serving_default_x:0}), for fetching and messages
 * @param sourceType the framework's type name ({@code DT_FLOAT}), kept for messages when {@code dtype} is null
 */
public record TensorSpec(String name, DType dtype, long[] shape, String tensorName, String sourceType) {
    public TensorSpec {
        Objects.requireNonNull(name, "name");
        shape = shape == null ? null : shape.clone();
    }

    @Override
    public long[] shape() { return shape == null ? null : shape.clone(); }

    public boolean hasRank() { return shape != null; }

    public boolean isStatic() {
        if (shape == null) return false;
        for (long d : shape) if (d < 0) return false;
        return true;
    }

    public boolean isSupported() { return dtype != null; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TensorSpec)) return false;
        TensorSpec s = (TensorSpec) o;
        return name.equals(s.name) && dtype == s.dtype && Arrays.equals(shape, s.shape)
                && Objects.equals(tensorName, s.tensorName) && Objects.equals(sourceType, s.sourceType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), tensorName, sourceType);
    }

    /** {@code x: f32[-1,28,28] (serving_default_x:0)}. */
    @Override
    public String toString() {
        String type = dtype != null ? dtype.irName() : String.valueOf(sourceType);
        String dims = shape == null ? "[*]" : Arrays.toString(shape).replace(" ", "");
        boolean showTensor = tensorName != null && !tensorName.equals(name);
        return name + ": " + type + dims + (showTensor ? " (" + tensorName + ")" : "");
    }
}
