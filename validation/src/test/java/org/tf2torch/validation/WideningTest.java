package org.tf2torch.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Shape;
import org.tf2torch.validation.io.NdArray;
import org.tf2torch.validation.runtime.NamedOutputs;

class WideningTest {
    private static ConvertedModel.Port port(String name, DType t) {
        return new ConvertedModel.Port(name, name, name + ":0", t, Shape.of(3));
    }

    @Test
    void int16OutputsAreNarrowedBackByKey() {
        NdArray wide = NdArray.of(new int[] {-32768, 0, 32767}, 3);
        NdArray other = NdArray.of(new int[] {1, 2, 3}, 3);
        NamedOutputs out = new NamedOutputs(List.of("b", "a"), List.of(other, wide));
        NamedOutputs n = Widening.narrow(out, List.of(port("a", DType.I16), port("b", DType.I32)));
        assertEquals(DType.I16, n.get("a").dtype());
        assertArrayEquals(new long[] {-32768, 0, 32767}, n.get("a").toLongArray());
        assertSame(other, n.get("b"));
    }

    @Test
    void aValueOutsideInt16IsAnErrorNotAWrap() {
        NamedOutputs out = new NamedOutputs(List.of("output"), List.of(NdArray.of(new int[] {40000}, 1)));
        assertThrows(ValidationException.class, () -> Widening.narrow(out, List.of(port("a", DType.I16))));
    }
}
