package org.tf2torch.importers;

import java.util.Optional;
import org.tensorflow.proto.DataType;
import org.tf2torch.ir.DType;

/**
 * Maps TensorFlow's {@code DataType} enum to the IR's {@link DType}. Reference types ({@code DT_FLOAT_REF},
 * from TF1 {@code VariableV2}) carry the same data as their base type, so they map alike. Types with no
 * PyTorch tensor counterpart the converter can use (strings, resources, variants, complex, quantized,
 * unsigned wider than 8 bits, 4- and 8-bit floats) are refused by name so the user sees which tensor is the
 * obstacle.
 */
public final class TfTypes {
    /** TensorFlow numbers each {@code _REF} type as its base type plus 100. */
    private static final int REF_OFFSET = 100;

    private TfTypes() {}

    /** The IR type for {@code type}; throws an ImportException naming the TF type when there is none. */
    public static DType fromProto(DataType type) {
        return tryFromProto(type).orElseThrow(() -> new ImportException(
                "TensorFlow type " + name(type) + " is not supported: " + whyUnsupported(base(type))));
    }

    /** Like {@link #fromProto} but empty instead of throwing, for callers that report problems in bulk. */
    public static Optional<DType> tryFromProto(DataType type) {
        switch (base(type)) {
            case DT_FLOAT: return Optional.of(DType.F32);
            case DT_DOUBLE: return Optional.of(DType.F64);
            case DT_HALF: return Optional.of(DType.F16);
            case DT_BFLOAT16: return Optional.of(DType.BF16);
            case DT_INT8: return Optional.of(DType.I8);
            case DT_INT16: return Optional.of(DType.I16);
            case DT_INT32: return Optional.of(DType.I32);
            case DT_INT64: return Optional.of(DType.I64);
            case DT_UINT8: return Optional.of(DType.U8);
            case DT_BOOL: return Optional.of(DType.BOOL);
            default: return Optional.empty();
        }
    }

    /** The base type of a {@code _REF} type; other types unchanged (UNRECOGNIZED stays UNRECOGNIZED). */
    public static DataType base(DataType type) {
        if (type == DataType.UNRECOGNIZED) return type;
        int n = type.getNumber();
        if (n > REF_OFFSET) {
            DataType b = DataType.forNumber(n - REF_OFFSET);
            if (b != null) return b;
        }
        return type;
    }

    /** {@code DT_FLOAT}; a readable name even for enum numbers this proto version does not know. */
    public static String name(DataType type) {
        return type == DataType.UNRECOGNIZED ? "an unknown DataType number" : type.name();
    }

    private static String whyUnsupported(DataType base) {
        switch (base) {
            case DT_STRING: return "string tensors have no PyTorch tensor equivalent";
            case DT_RESOURCE: return "a resource handle is not data; resolve the variable it points to";
            case DT_VARIANT: return "variant tensors (TensorLists, datasets, ...) have no fixed layout";
            case DT_COMPLEX64:
            case DT_COMPLEX128: return "complex numbers are not in the IR yet";
            case DT_QINT8:
            case DT_QUINT8:
            case DT_QINT16:
            case DT_QUINT16:
            case DT_QINT32: return "quantized types are not supported; export the float model instead";
            case DT_UINT16:
            case DT_UINT32:
            case DT_UINT64: return "PyTorch has no general support for unsigned types wider than 8 bits";
            case DT_INVALID: return "the model declares no type here (DT_INVALID); it is malformed";
            default: return "the IR has no such element type";
        }
    }
}
