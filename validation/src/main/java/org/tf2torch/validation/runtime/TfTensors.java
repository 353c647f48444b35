package org.tf2torch.validation.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tensorflow.RawTensor;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;
import org.tf2torch.ir.DType;
import org.tf2torch.validation.io.NdArray;

/**
 * Copies between {@link NdArray} and TF Java tensors as raw bytes: both sides are C order and little-endian, and TF
 * stores bool as one byte per element like NumPy. TF Java 1.1.0 registers no int8/int16 tensor classes, so those
 * travel as int32 and a Cast in the graph narrows or widens them (see {@link TfGraphSession}).
 */
final class TfTensors {
    private TfTensors() {}

    /** The TF Java class for {@code t}, or null where TF Java 1.1.0 has none (int8, int16). */
    static Class<? extends TType> tensorClass(DType t) {
        switch (t) {
            case F32: return TFloat32.class;
            case F64: return TFloat64.class;
            case F16: return TFloat16.class;
            case BF16: return TBfloat16.class;
            case I32: return TInt32.class;
            case I64: return TInt64.class;
            case U8: return TUint8.class;
            case BOOL: return TBool.class;
            default: return null;
        }
    }

    static DataType dataType(DType t) {
        switch (t) {
            case F32: return DataType.DT_FLOAT;
            case F64: return DataType.DT_DOUBLE;
            case F16: return DataType.DT_HALF;
            case BF16: return DataType.DT_BFLOAT16;
            case I8: return DataType.DT_INT8;
            case I16: return DataType.DT_INT16;
            case I32: return DataType.DT_INT32;
            case I64: return DataType.DT_INT64;
            case U8: return DataType.DT_UINT8;
            case BOOL: return DataType.DT_BOOL;
            default: throw new IllegalArgumentException("no TF type for " + t);
        }
    }

    /**
     * The tf2torch type for a TF type, or null when tf2torch arrays cannot hold it (strings, unsigned > 8 bit). TF1
     * reference types ({@code DT_FLOAT_REF}, base + 100) count as their base type, which is what a fetch returns.
     */
    static DType dtype(DataType t) {
        if (t != DataType.UNRECOGNIZED && t.getNumber() > 100) {
            DataType base = DataType.forNumber(t.getNumber() - 100);
            if (base != null) t = base;
        }
        switch (t) {
            case DT_FLOAT: return DType.F32;
            case DT_DOUBLE: return DType.F64;
            case DT_HALF: return DType.F16;
            case DT_BFLOAT16: return DType.BF16;
            case DT_INT8: return DType.I8;
            case DT_INT16: return DType.I16;
            case DT_INT32: return DType.I32;
            case DT_INT64: return DType.I64;
            case DT_UINT8: return DType.U8;
            case DT_BOOL: return DType.BOOL;
            default: return null;
        }
    }

    /**
     * Whether {@code e} is TensorFlow's status error. Those extend unrelated JDK exceptions (TFInvalidArgumentException
     * is an IllegalArgumentException, others are not), so the package is the one reliable mark.
     */
    static boolean isTfError(RuntimeException e) {
        return e.getClass().getPackageName().equals("org.tensorflow.exceptions");
    }

    static boolean needsWidening(DType t) {
        return t == DType.I8 || t == DType.I16;
    }

    /** A new tensor the caller must close. int8/int16 are refused here; widen them first. */
    static Tensor toTensor(NdArray a) {
        Class<? extends TType> cls = tensorClass(a.dtype());
        if (cls == null) {
            throw new IllegalArgumentException("TF Java 1.1.0 cannot create " + a.dtype().numpyName() + " tensors");
        }
        return Tensor.of(cls, Shape.of(a.shape()), DataBuffers.of(a.data()));
    }

    static NdArray fromTensor(Tensor t, String what) {
        DType d = dtype(t.dataType());
        if (d == null) {
            throw new IllegalArgumentException(what + " has type " + t.dataType()
                    + ", which tf2torch arrays cannot hold");
        }
        RawTensor raw = t.asRawTensor();
        byte[] bytes = new byte[Math.toIntExact(raw.numBytes())];
        raw.data().read(bytes);
        long[] shape = t.shape().asArray();
        return NdArray.ofBytes(d, bytes, shape == null ? new long[0] : shape);
    }

    /** int8/int16 values as int32, exactly. */
    static NdArray widen(NdArray a) {
        long[] v = a.toLongArray();
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) b.putInt((int) x);
        return NdArray.of(DType.I32, a.shape(), b.flip());
    }

    /** int32 values produced by a Cast from {@code target}, back in their own type (they fit by construction). */
    static NdArray narrow(NdArray i32, DType target) {
        long[] v = i32.toLongArray();
        ByteBuffer b = ByteBuffer.allocate(v.length * target.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            if (target == DType.I8) b.put((byte) x);
            else b.putShort((short) x);
        }
        return NdArray.of(target, i32.shape(), b.flip());
    }
}
