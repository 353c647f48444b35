package org.tf2torch.ir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Element-wise access to tensor data as doubles or longs, and dense tensors built from Java arrays. */
public final class TensorValues {
    private TensorValues() {}

    public static double[] toDoubles(Tensor t) {
        ByteBuffer b = t.readUnchecked();
        int n = Math.toIntExact(t.numElements());
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = getDouble(b, t.dtype(), i);
        return out;
    }

    public static long[] toLongs(Tensor t) {
        ByteBuffer b = t.readUnchecked();
        int n = Math.toIntExact(t.numElements());
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = t.dtype().isFloating() ? (long) getDouble(b, t.dtype(), i) : getLong(b, t.dtype(), i);
        }
        return out;
    }

    public static double getDouble(ByteBuffer b, DType d, int i) {
        switch (d) {
            case F32: return b.getFloat(i * 4);
            case F64: return b.getDouble(i * 8);
            case F16: return halfToFloat(b.getShort(i * 2));
            case BF16: return bfloat16ToFloat(b.getShort(i * 2));
            default: return getLong(b, d, i);
        }
    }

    public static long getLong(ByteBuffer b, DType d, int i) {
        switch (d) {
            case BOOL: return b.get(i) != 0 ? 1 : 0;
            case U8: return b.get(i) & 0xff;
            case I8: return b.get(i);
            case I16: return b.getShort(i * 2);
            case I32: return b.getInt(i * 4);
            case I64: return b.getLong(i * 8);
            default: return (long) getDouble(b, d, i);
        }
    }

    public static DenseTensor ofDoubles(DType d, Shape shape, double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * d.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i++) put(b, d, i, values[i]);
        return new DenseTensor(d, shape, b);
    }

    public static DenseTensor ofLongs(DType d, Shape shape, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * d.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i++) {
            if (d.isFloating()) put(b, d, i, values[i]);
            else putLong(b, d, i, values[i]);
        }
        return new DenseTensor(d, shape, b);
    }

    public static DenseTensor ofFloats(Shape shape, float... values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) d[i] = values[i];
        return ofDoubles(DType.F32, shape, d);
    }

    public static DenseTensor i64Vector(long... values) {
        return ofLongs(DType.I64, Shape.of(values.length), values);
    }

    public static DenseTensor scalar(DType d, double v) {
        return d.isFloating() ? ofDoubles(d, Shape.scalar(), new double[] {v})
                : ofLongs(d, Shape.scalar(), new long[] {(long) v});
    }

    static void put(ByteBuffer b, DType d, int i, double v) {
        switch (d) {
            case F32: b.putFloat(i * 4, (float) v); break;
            case F64: b.putDouble(i * 8, v); break;
            case F16: b.putShort(i * 2, floatToHalf((float) v)); break;
            case BF16: b.putShort(i * 2, floatToBfloat16((float) v)); break;
            default: putLong(b, d, i, (long) v);
        }
    }

    static void putLong(ByteBuffer b, DType d, int i, long v) {
        switch (d) {
            case BOOL: b.put(i, (byte) (v != 0 ? 1 : 0)); break;
            case U8: case I8: b.put(i, (byte) v); break;
            case I16: b.putShort(i * 2, (short) v); break;
            case I32: b.putInt(i * 4, (int) v); break;
            case I64: b.putLong(i * 8, v); break;
            default: put(b, d, i, v);
        }
    }

    /** Round to nearest even, as TF and PyTorch convert; truncating would bias every folded value toward zero. */
    public static short floatToBfloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return (short) ((bits >>> 16) | 0x40);
        int lsb = (bits >>> 16) & 1;
        return (short) ((bits + 0x7fff + lsb) >>> 16);
    }

    public static float bfloat16ToFloat(short b) { return Float.intBitsToFloat((b & 0xffff) << 16); }

    public static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        if (exp == 0) {
            if (mant == 0) return Float.intBitsToFloat(sign);
            float f = mant / 1024f * (float) Math.pow(2, -14);
            return sign != 0 ? -f : f;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    public static short floatToHalf(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        int mant = bits & 0x7fffff;
        if (((bits >>> 23) & 0xff) == 0xff) return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        if (exp >= 0x1f) return (short) (sign | 0x7c00);
        if (exp <= 0) {
            if (exp < -10) return (short) sign;
            mant |= 0x800000;
            int shift = 14 - exp;
            int half = mant >> shift;
            int rem = mant & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) != 0)) half++;
            return (short) (sign | half);
        }
        int half = sign | (exp << 10) | (mant >> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) half++;
        return (short) half;
    }
}
