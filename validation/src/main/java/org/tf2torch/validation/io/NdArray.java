package org.tf2torch.validation.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.DenseTensor;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;

/**
 * An immutable dense array as the runners exchange it: element type, static shape and C-order little-endian bytes.
 * It carries no name because every runner has its own naming (signature keys, tensor names, positions).
 */
public final class NdArray {
    private final DType dtype;
    private final long[] shape;
    private final ByteBuffer data;

    private NdArray(DType dtype, long[] shape, ByteBuffer data) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
    }

    /** Wraps {@code data} (from its position to its limit); the bytes are copied so later writes cannot leak in. */
    public static NdArray of(DType dtype, long[] shape, ByteBuffer data) {
        if (dtype == null) throw new IllegalArgumentException("dtype is required");
        long[] s = shape.clone();
        long n = elementCount(s);
        long bytes = Math.multiplyExact(n, (long) dtype.byteSize());
        if (data.remaining() != bytes) {
            throw new IllegalArgumentException(dtype + Arrays.toString(s) + " needs " + bytes + " bytes, got "
                    + data.remaining());
        }
        ByteBuffer copy = ByteBuffer.allocate(Math.toIntExact(bytes));
        copy.put(data.duplicate()).flip();
        return new NdArray(dtype, s, copy.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    public static NdArray ofBytes(DType dtype, byte[] data, long... shape) {
        return of(dtype, shape, ByteBuffer.wrap(data));
    }

    public static NdArray of(float[] values, long... shape) {
        ByteBuffer b = allocate(values.length, 4);
        for (float v : values) b.putFloat(v);
        return of(DType.F32, shapeFor(values.length, shape), b.flip());
    }

    public static NdArray of(double[] values, long... shape) {
        ByteBuffer b = allocate(values.length, 8);
        for (double v : values) b.putDouble(v);
        return of(DType.F64, shapeFor(values.length, shape), b.flip());
    }

    public static NdArray of(int[] values, long... shape) {
        ByteBuffer b = allocate(values.length, 4);
        for (int v : values) b.putInt(v);
        return of(DType.I32, shapeFor(values.length, shape), b.flip());
    }

    public static NdArray of(long[] values, long... shape) {
        ByteBuffer b = allocate(values.length, 8);
        for (long v : values) b.putLong(v);
        return of(DType.I64, shapeFor(values.length, shape), b.flip());
    }

    public static NdArray of(boolean[] values, long... shape) {
        ByteBuffer b = allocate(values.length, 1);
        for (boolean v : values) b.put((byte) (v ? 1 : 0));
        return of(DType.BOOL, shapeFor(values.length, shape), b.flip());
    }

    /** Values converted to {@code dtype} (rounded to nearest for f16/bf16, truncated toward zero for integers). */
    public static NdArray ofDoubles(DType dtype, double[] values, long... shape) {
        return fromTensor(TensorValues.ofDoubles(dtype, Shape.of(shapeFor(values.length, shape)), values));
    }

    public static NdArray scalar(DType dtype, double value) {
        return fromTensor(TensorValues.scalar(dtype, value));
    }

    /** Copies an IR tensor (dense or a file slice) into memory. */
    public static NdArray fromTensor(Tensor t) {
        return of(t.dtype(), t.shape().sizes(), t.readUnchecked());
    }

    public DenseTensor toTensor() {
        return new DenseTensor(dtype, Shape.of(shape), data());
    }

    public DType dtype() { return dtype; }

    public long[] shape() { return shape.clone(); }

    public int rank() { return shape.length; }

    public long size() { return elementCount(shape); }

    public long byteSize() { return data.capacity(); }

    /** A read-only little-endian view positioned at the first byte. */
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    public byte[] toByteArray() {
        byte[] out = new byte[data.capacity()];
        data().get(out);
        return out;
    }

    /** Element {@code i} in C order, widened to double (booleans as 0/1). */
    public double getDouble(int i) {
        return TensorValues.getDouble(data, dtype, i);
    }

    public double[] toDoubleArray() {
        int n = Math.toIntExact(size());
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = TensorValues.getDouble(data, dtype, i);
        return out;
    }

    /** Integer elements exactly; floating ones truncated toward zero. */
    public long[] toLongArray() {
        int n = Math.toIntExact(size());
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = dtype.isFloating() ? (long) TensorValues.getDouble(data, dtype, i)
                    : TensorValues.getLong(data, dtype, i);
        }
        return out;
    }

    public float[] toFloatArray() {
        double[] d = toDoubleArray();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) out[i] = (float) d[i];
        return out;
    }

    public boolean sameTypeAndShape(NdArray o) {
        return dtype == o.dtype && Arrays.equals(shape, o.shape);
    }

    /**
     * NumPy's {@code allclose} ({@code |a-b| <= atol + rtol*|b|}, {@code other} is the reference) with equal NaNs and
     * broadcasting refused: shapes must match exactly, dtypes may differ.
     */
    public boolean allClose(NdArray other, double rtol, double atol) {
        if (!Arrays.equals(shape, other.shape)) return false;
        int n = Math.toIntExact(size());
        for (int i = 0; i < n; i++) {
            double a = getDouble(i);
            double b = other.getDouble(i);
            if (Double.isNaN(a) || Double.isNaN(b)) {
                if (Double.isNaN(a) && Double.isNaN(b)) continue;
                return false;
            }
            if (a == b) continue; // also equal infinities, where the difference below would be NaN
            if (Double.isInfinite(a) || Double.isInfinite(b)) return false;
            if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) return false;
        }
        return true;
    }

    /** Largest |a-b| over all elements; NaN when exactly one side has a NaN somewhere. */
    public double maxAbsDiff(NdArray other) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException("shapes differ: " + Arrays.toString(shape) + " vs "
                    + Arrays.toString(other.shape));
        }
        double max = 0;
        int n = Math.toIntExact(size());
        for (int i = 0; i < n; i++) {
            double a = getDouble(i);
            double b = other.getDouble(i);
            if (Double.isNaN(a) != Double.isNaN(b)) return Double.NaN;
            if (Double.isNaN(a) || a == b) continue;
            max = Math.max(max, Math.abs(a - b));
        }
        return max;
    }

    /** Bitwise equality: same dtype, shape and bytes (so NaN payloads matter and +0.0 differs from -0.0). */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof NdArray)) return false;
        NdArray a = (NdArray) o;
        return sameTypeAndShape(a) && data.equals(a.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + data.hashCode();
    }

    /** {@code f32[2, 3]} plus the first few values, for messages. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(dtype.irName()).append(Arrays.toString(shape)).append(" {");
        long n = Math.min(size(), 6);
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(", ");
            if (dtype == DType.BOOL) sb.append(getDouble(i) != 0);
            else if (dtype.isFloating()) sb.append((float) getDouble(i));
            else sb.append(TensorValues.getLong(data, dtype, i));
        }
        if (size() > n) sb.append(", ...");
        return sb.append('}').toString();
    }

    static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private static ByteBuffer allocate(int count, int width) {
        return ByteBuffer.allocate(Math.multiplyExact(count, width)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** No shape given means a vector of all values (use {@link #scalar} for rank 0). */
    private static long[] shapeFor(int count, long[] shape) {
        return shape.length == 0 ? new long[] {count} : shape;
    }
}
