package org.tf2torch.validation.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tf2torch.ir.DType;

class InputOptionsTest {
    @Test
    void parsesDims() {
        assertEquals(Map.of("batch", 4L, "serving_default_x:0:1", 16L),
                InputOptions.parseDims(List.of("batch=4", "serving_default_x:0:1 = 16")));
        assertThrows(InputException.class, () -> InputOptions.parseDims(List.of("batch")));
        assertThrows(InputException.class, () -> InputOptions.parseDims(List.of("batch=x")));
        assertThrows(InputException.class, () -> InputOptions.parseDims(List.of("batch=-1")));
        assertThrows(InputException.class, () -> InputOptions.parseDims(List.of("batch=1", "batch=2")));
    }

    @Test
    void parsesIntRanges() {
        assertEquals(new IntRange(0, 1000), IntRange.parse("0:1000"));
        assertEquals(new IntRange(-5, -1), IntRange.parse("-5:-1"));
        assertThrows(InputException.class, () -> IntRange.parse("5"));
        assertThrows(InputException.class, () -> IntRange.parse("5:5"));
        assertThrows(InputException.class, () -> IntRange.parse("a:b"));
    }

    @Test
    void clampsToType() {
        assertEquals(new IntRange(-128, 128), new IntRange(-1000, 1000).clampTo(DType.I8));
        assertEquals(new IntRange(0, 10), IntRange.DEFAULT.clampTo(DType.I64));
    }
}
