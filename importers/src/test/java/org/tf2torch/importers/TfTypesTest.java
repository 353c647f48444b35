package org.tf2torch.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DataType;
import org.tf2torch.ir.DType;

class TfTypesTest {
    @Test
    void mapsEveryIrType() {
        assertEquals(DType.F32, TfTypes.fromProto(DataType.DT_FLOAT));
        assertEquals(DType.F64, TfTypes.fromProto(DataType.DT_DOUBLE));
        assertEquals(DType.F16, TfTypes.fromProto(DataType.DT_HALF));
        assertEquals(DType.BF16, TfTypes.fromProto(DataType.DT_BFLOAT16));
        assertEquals(DType.I8, TfTypes.fromProto(DataType.DT_INT8));
        assertEquals(DType.I16, TfTypes.fromProto(DataType.DT_INT16));
        assertEquals(DType.I32, TfTypes.fromProto(DataType.DT_INT32));
        assertEquals(DType.I64, TfTypes.fromProto(DataType.DT_INT64));
        assertEquals(DType.U8, TfTypes.fromProto(DataType.DT_UINT8));
        assertEquals(DType.BOOL, TfTypes.fromProto(DataType.DT_BOOL));
    }

    @Test
    void refTypesMapLikeTheirBase() {
        assertEquals(DType.F32, TfTypes.fromProto(DataType.DT_FLOAT_REF));
        assertEquals(DType.I64, TfTypes.fromProto(DataType.DT_INT64_REF));
        assertEquals(DType.BF16, TfTypes.fromProto(DataType.DT_BFLOAT16_REF));
        assertEquals(DataType.DT_STRING, TfTypes.base(DataType.DT_STRING_REF));
        assertEquals(DataType.DT_FLOAT, TfTypes.base(DataType.DT_FLOAT));
    }

    @Test
    void refusesByName() {
        for (DataType t : new DataType[] {DataType.DT_STRING, DataType.DT_RESOURCE, DataType.DT_VARIANT,
                DataType.DT_COMPLEX64, DataType.DT_COMPLEX128, DataType.DT_QINT8, DataType.DT_UINT32,
                DataType.DT_INVALID, DataType.DT_FLOAT8_E4M3FN, DataType.DT_STRING_REF, DataType.UNRECOGNIZED}) {
            ImportException e = assertThrows(ImportException.class, () -> TfTypes.fromProto(t));
            String name = t == DataType.UNRECOGNIZED ? "unknown" : t.name();
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains("not supported"), e.getMessage());
            assertTrue(TfTypes.tryFromProto(t).isEmpty());
        }
    }
}
