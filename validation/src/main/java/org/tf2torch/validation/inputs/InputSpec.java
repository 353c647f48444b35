package org.tf2torch.validation.inputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Shape;
import org.tf2torch.validation.runtime.TensorSpec;

/**
 * One model input as input generation sees it.
 *
 * @param name  the key the runners are fed with (signature key or tensor name)
 * @param dtype element type; null when tf2torch has no such type (strings), which generation refuses
 * @param shape declared shape: static, symbolic ({@code batch}) or unknown dims, or an unknown rank
 */
public record InputSpec(String name, DType dtype, Shape shape) {
    public InputSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
    }

    /** Sizes with -1 for an unknown dimension, as TF signatures declare them. */
    public static InputSpec of(String name, DType dtype, long... dims) {
        return new InputSpec(name, dtype, Shape.of(dims));
    }

    /** A runner's spec; a null shape (unknown rank) stays unknown so the error can say so. */
    public static InputSpec from(TensorSpec spec) {
        long[] s = spec.shape();
        return new InputSpec(spec.name(), spec.dtype(), s == null ? Shape.unknownRank() : Shape.of(s));
    }

    public static List<InputSpec> fromAll(List<TensorSpec> specs) {
        List<InputSpec> out = new ArrayList<>(specs.size());
        for (TensorSpec s : specs) out.add(from(s));
        return out;
    }

    /** {@code x: f32[batch,28,28]}. */
    @Override
    public String toString() {
        return name + ": " + (dtype == null ? "?" : dtype.irName()) + shape;
    }

    boolean hasDynamicDims() {
        if (!shape.hasRank()) return true;
        for (Dim d : shape.dims()) if (!d.isStatic()) return true;
        return false;
    }
}
