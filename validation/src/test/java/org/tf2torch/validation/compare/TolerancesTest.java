package org.tf2torch.validation.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tf2torch.ir.DType;

class TolerancesTest {
    @Test
    void defaultsPerDType() {
        Tolerances t = Tolerances.defaults();
        assertEquals(new Tolerance(1e-2, 1e-3), t.forDType(DType.F16));
        assertEquals(new Tolerance(1e-2, 1e-3), t.forDType(DType.BF16));
        assertEquals(new Tolerance(1e-4, 1e-5), t.forDType(DType.F32));
        assertEquals(new Tolerance(1e-6, 1e-7), t.forDType(DType.F64));
        for (DType d : DType.values()) {
            if (!d.isFloating()) assertTrue(t.forDType(d).isExact(), d.irName());
        }
    }

    @Test
    void overrides() {
        Tolerances t = Tolerances.defaults().withFloating(1e-3, null);
        assertEquals(new Tolerance(1e-3, 1e-5), t.forDType(DType.F32));
        assertEquals(new Tolerance(1e-3, 1e-7), t.forDType(DType.F64));
        assertTrue(t.forDType(DType.I64).isExact()); // ints stay exact under a global override
        Tolerances o = t.withOutput("logits", new Tolerance(0.1, 0.1)).with(DType.I32, new Tolerance(0, 1));
        assertEquals(new Tolerance(0.1, 0.1), o.forOutput("logits", DType.F32));
        assertEquals(new Tolerance(1e-3, 1e-5), o.forOutput("other", DType.F32));
        assertEquals(new Tolerance(0, 1), o.forDType(DType.I32));
        assertEquals("rtol=1.00e-04 atol=1.00e-05", Tolerances.defaults().forDType(DType.F32).toString());
        assertEquals("exact", Tolerance.EXACT.toString());
    }

    @Test
    void rejectsBadValues() {
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(Double.POSITIVE_INFINITY, 0));
    }
}
