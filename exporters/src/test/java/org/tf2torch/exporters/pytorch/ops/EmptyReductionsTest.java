package org.tf2torch.exporters.pytorch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tf2torch.ir.DType;

class EmptyReductionsTest {
    @Test
    void identitiesAreInfinitiesAndDtypeBounds() {
        assertEquals("float(\"-inf\")", EmptyReductions.identity(DType.F16, true));
        assertEquals("float(\"inf\")", EmptyReductions.identity(DType.F64, false));
        assertEquals("-2147483648", EmptyReductions.identity(DType.I32, true));
        assertEquals("127", EmptyReductions.identity(DType.I8, false));
        assertEquals("0", EmptyReductions.identity(DType.U8, true));
        assertEquals("32767", EmptyReductions.identity(DType.I16, false));
        assertEquals("(-9223372036854775807 - 1)", EmptyReductions.identity(DType.I64, true));
        assertThrows(UnsupportedOperationException.class, () -> EmptyReductions.identity(DType.BOOL, true));
    }
}
