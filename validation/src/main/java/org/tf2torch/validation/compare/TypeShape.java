package org.tf2torch.validation.compare;

import java.util.Arrays;
import java.util.Objects;
import org.tf2torch.ir.DType;
import org.tf2torch.validation.io.NdArray;

/** The dtype and concrete shape of one output array; printed as {@code f32[2,10]}. */
public record TypeShape(DType dtype, long[] shape) {
    public TypeShape {
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
    }

    public static TypeShape of(NdArray a) { return new TypeShape(a.dtype(), a.shape()); }

    @Override
    public long[] shape() { return shape.clone(); }

    public long elements() {
        long n = 1;
        for (long d : shape) n = Math.multiplyExact(n, d);
        return n;
    }

    public boolean sameShape(TypeShape o) { return Arrays.equals(shape, o.shape); }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypeShape t && dtype == t.dtype && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() { return dtype.hashCode() * 31 + Arrays.hashCode(shape); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(dtype.irName()).append('[');
        for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? "," : "").append(shape[i]);
        return sb.append(']').toString();
    }
}
