package org.tf2torch.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorValuesTest {
    private static void assertHalf(int bits, float value) {
        assertEquals((short) bits, TensorValues.floatToHalf(value), () -> "half bits of " + value);
        if (!Float.isNaN(value)) assertEquals(value, TensorValues.halfToFloat((short) bits), "value of half " + bits);
    }

    @Test
    void halfKnownEncodings() {
        assertHalf(0x0000, 0f);
        assertHalf(0x8000, -0f);
        assertHalf(0x3c00, 1f);
        assertHalf(0xc000, -2f);
        assertHalf(0x3555, 0.333251953125f);
        assertHalf(0x7bff, 65504f);
        assertHalf(0x0400, 6.1035156e-5f);              // smallest normal, 2^-14
        assertHalf(0x0001, 5.9604645e-8f);              // smallest subnormal, 2^-24
        assertHalf(0x03ff, 6.097555e-5f);               // largest subnormal
        assertHalf(0x8001, -5.9604645e-8f);
        assertHalf(0x7c00, Float.POSITIVE_INFINITY);
        assertHalf(0xfc00, Float.NEGATIVE_INFINITY);
    }

    @Test
    void everyHalfRoundTrips() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float f = TensorValues.halfToFloat((short) bits);
            if (Float.isNaN(f)) {
                assertEquals(0x7c00, bits & 0x7c00);
                assertTrue((bits & 0x3ff) != 0);
                assertTrue(Float.isNaN(TensorValues.halfToFloat(TensorValues.floatToHalf(f))));
            } else {
                assertEquals((short) bits, TensorValues.floatToHalf(f), "half " + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void halfRoundsToNearestEven() {
        assertEquals((short) 0x7c00, TensorValues.floatToHalf(65520f));              // halfway to 65536 overflows
        assertEquals((short) 0x7bff, TensorValues.floatToHalf(65519.99f));
        assertEquals((short) 0x3c00, TensorValues.floatToHalf(1f + 0x1p-11f));        // tie, even stays
        assertEquals((short) 0x3c02, TensorValues.floatToHalf(1f + 3 * 0x1p-11f));    // tie, odd rounds up
        assertEquals((short) 0x3c01, TensorValues.floatToHalf(1f + 0x1p-11f + 0x1p-20f));
        assertEquals((short) 0x0000, TensorValues.floatToHalf(0x1p-25f));             // tie with 0
        assertEquals((short) 0x0001, TensorValues.floatToHalf(0x1p-25f + 0x1p-35f));
        assertEquals((short) 0x0002, TensorValues.floatToHalf(3 * 0x1p-25f));          // tie, odd 1 goes to 2
        assertEquals((short) 0x0400, TensorValues.floatToHalf(0x1p-14f - 0x1p-26f));   // subnormal carries to normal
        assertEquals((short) 0x0000, TensorValues.floatToHalf(Float.MIN_VALUE));
        assertEquals((short) 0x8000, TensorValues.floatToHalf(-1e-30f));
        assertEquals((short) 0x7c00, TensorValues.floatToHalf(1e10f));
        assertTrue(Float.isNaN(TensorValues.halfToFloat(TensorValues.floatToHalf(Float.NaN))));
    }

    @Test
    void bfloat16() {
        assertEquals((short) 0x3f80, TensorValues.floatToBfloat16(1f));
        assertEquals((short) 0xc040, TensorValues.floatToBfloat16(-3f));
        // 1 + 3*2^-9 is nearer 1 + 2^-7 than 1: truncation would give 0x3f80
        assertEquals((short) 0x3f81, TensorValues.floatToBfloat16(1f + 3 * 0x1p-9f));
        assertEquals((short) 0x3f80, TensorValues.floatToBfloat16(1f + 0x1p-8f));     // tie, even stays
        assertEquals((short) 0x3f82, TensorValues.floatToBfloat16(1f + 3 * 0x1p-8f)); // tie, odd rounds up
        assertEquals((short) 0x7f80, TensorValues.floatToBfloat16(Float.MAX_VALUE));  // rounds to inf
        assertEquals((short) 0xff80, TensorValues.floatToBfloat16(Float.NEGATIVE_INFINITY));
        assertEquals((short) 0x0001, TensorValues.floatToBfloat16(Float.intBitsToFloat(0x00010000)));
        short nan = TensorValues.floatToBfloat16(Float.intBitsToFloat(0x7f800001));    // payload only in low bits
        assertTrue(Float.isNaN(TensorValues.bfloat16ToFloat(nan)), "a NaN must not become inf");
        for (int bits = 0; bits < 0x10000; bits++) {
            float f = TensorValues.bfloat16ToFloat((short) bits);
            if (!Float.isNaN(f)) assertEquals((short) bits, TensorValues.floatToBfloat16(f));
        }
    }

    @Test
    void tensorsOfEveryDTypeHoldTheirValues() {
        for (DType d : DType.values()) {
            double[] v = d == DType.BOOL ? new double[] {1, 0, 1} : d == DType.U8 ? new double[] {0, 200, 255}
                    : new double[] {-3, 0, 100};
            Tensor t = TensorValues.ofDoubles(d, Shape.of(3), v);
            assertEquals(3 * d.byteSize(), t.byteSize(), d.toString());
            assertArrayEquals(v, TensorValues.toDoubles(t), d.toString());
            long[] l = new long[v.length];
            for (int i = 0; i < l.length; i++) l[i] = (long) v[i];
            assertArrayEquals(l, TensorValues.toLongs(TensorValues.ofLongs(d, Shape.of(3), l)), d.toString());
        }
        assertArrayEquals(new long[] {2, -2}, TensorValues.toLongs(TensorValues.ofFloats(Shape.of(2), 2.9f, -2.9f)));
        assertArrayEquals(new double[] {7}, TensorValues.toDoubles(TensorValues.scalar(DType.I32, 7.8)));
        assertEquals(Long.MIN_VALUE, TensorValues.toLongs(TensorValues.i64Vector(Long.MIN_VALUE))[0]);
    }
}
