package org.tf2torch.importers.graph;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tf2torch.importers.TfTypes;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.DenseTensor;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Shape;

/** TF {@code TensorProto} (a Const's value) to an IR tensor. */
public final class TensorProtos {
    private TensorProtos() {}

    public static Shape shape(TensorShapeProto p) {
        if (p.getUnknownRank()) return Shape.unknownRank();
        long[] s = new long[p.getDimCount()];
        for (int i = 0; i < s.length; i++) s[i] = p.getDim(i).getSize();
        return Shape.of(s);
    }

    /** Shape with named symbols for unknown dims: {@code batch} first, then {@code prefix_i}. */
    public static Shape symbolicShape(TensorShapeProto p, String prefix) {
        if (p.getUnknownRank()) return Shape.unknownRank();
        java.util.List<Dim> d = new java.util.ArrayList<>();
        for (int i = 0; i < p.getDimCount(); i++) {
            long s = p.getDim(i).getSize();
            d.add(s >= 0 ? Dim.of(s) : i == 0 ? Dim.symbol("batch") : Dim.symbol(prefix + "_" + i));
        }
        return Shape.of(d);
    }

    public static DenseTensor toTensor(TensorProto p) {
        DType dt = TfTypes.fromProto(p.getDtype());
        Shape shape = shape(p.getTensorShape());
        int n = Math.toIntExact(shape.numElements());
        int es = dt.byteSize();
        if (!p.getTensorContent().isEmpty()) {
            byte[] raw = p.getTensorContent().toByteArray();
            if (raw.length != n * es) {
                throw new IllegalArgumentException("tensor_content holds " + raw.length + " bytes, " + dt + shape
                        + " needs " + n * es);
            }
            return new DenseTensor(dt, shape, raw);
        }
        ByteBuffer b = ByteBuffer.allocate(n * es).order(ByteOrder.LITTLE_ENDIAN);
        int count = typedCount(p, dt);
        for (int i = 0; i < n && count > 0; i++) {
            int k = Math.min(i, count - 1); // TF repeats the last value to fill the shape
            put(b, p, dt, i, k);
        }
        return new DenseTensor(dt, shape, b.rewind());
    }

    private static int typedCount(TensorProto p, DType dt) {
        switch (dt) {
            case F32: return p.getFloatValCount();
            case F64: return p.getDoubleValCount();
            case F16: case BF16: return p.getHalfValCount();
            case I64: return p.getInt64ValCount();
            case BOOL: return p.getBoolValCount();
            default: return p.getIntValCount();
        }
    }

    private static void put(ByteBuffer b, TensorProto p, DType dt, int i, int k) {
        switch (dt) {
            case F32: b.putFloat(i * 4, p.getFloatVal(k)); break;
            case F64: b.putDouble(i * 8, p.getDoubleVal(k)); break;
            case F16: case BF16: b.putShort(i * 2, (short) p.getHalfVal(k)); break;
            case I64: b.putLong(i * 8, p.getInt64Val(k)); break;
            case BOOL: b.put(i, (byte) (p.getBoolVal(k) ? 1 : 0)); break;
            case I32: b.putInt(i * 4, p.getIntVal(k)); break;
            case I16: b.putShort(i * 2, (short) p.getIntVal(k)); break;
            default: b.put(i, (byte) p.getIntVal(k)); break;
        }
    }
}
