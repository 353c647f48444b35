package org.tf2torch.validation.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.tf2torch.ir.DType;

class NdArrayTest {
    @Test
    void buildsFromJavaArraysInCOrder() {
        NdArray a = NdArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(DType.F32, a.dtype());
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertEquals(6, a.size());
        assertEquals(24, a.byteSize());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.toDoubleArray());
        assertEquals(6.0, a.getDouble(5));
        assertArrayEquals(new long[] {3}, NdArray.of(new int[] {1, 2, 3}).shape(), "no shape means a vector");
        assertEquals(0, NdArray.scalar(DType.F64, 2.5).rank());
    }

    @Test
    void isImmutable() {
        float[] src = {1, 2};
        ByteBuffer buf = ByteBuffer.allocate(8);
        NdArray a = NdArray.of(DType.I32, new long[] {2}, buf);
        buf.putInt(0, 99);
        assertEquals(0, a.getDouble(0));
        long[] shape = a.shape();
        shape[0] = 5;
        assertArrayEquals(new long[] {2}, a.shape());
        assertTrue(a.data().isReadOnly());
        NdArray f = NdArray.of(src);
        src[0] = 7;
        assertEquals(1.0, f.getDouble(0));
    }

    @Test
    void convertsEveryDTypeToDoubles() {
        double[] v = {0, 1, -2, 3.5};
        for (DType d : DType.values()) {
            double[] want = d == DType.BOOL ? new double[] {0, 1, 1, 1}
                    : d == DType.U8 ? new double[] {0, 1, 254, 3}
                    : d.isFloating() ? v : new double[] {0, 1, -2, 3};
            assertArrayEquals(want, NdArray.ofDoubles(d, v).toDoubleArray(), d.toString());
        }
    }

    @Test
    void halfPrecisionRoundTripsThroughBytes() {
        // 0x3c00 = 1.0, 0xc000 = -2.0, 0x7c00 = +inf, 0x0001 = smallest subnormal
        NdArray h = NdArray.ofBytes(DType.F16, new byte[] {0x00, 0x3c, 0x00, (byte) 0xc0, 0x00, 0x7c, 0x01, 0x00}, 4);
        assertArrayEquals(new double[] {1, -2, Double.POSITIVE_INFINITY, Math.pow(2, -24)}, h.toDoubleArray());
    }

    @Test
    void equalityIsBitwiseAndAllCloseIsNumpys() {
        NdArray a = NdArray.of(new float[] {1, Float.NaN, 3});
        NdArray b = NdArray.of(new float[] {1, Float.NaN, 3});
        NdArray c = NdArray.of(new float[] {1, Float.NaN, 3.0001f});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
        assertTrue(a.allClose(c, 1e-4, 0));
        assertFalse(a.allClose(c, 1e-6, 1e-6));
        assertEquals(1e-4, a.maxAbsDiff(c), 1e-6);
        assertNotEquals(a, NdArray.of(new float[] {1, Float.NaN, 3}, 3, 1), "shape is part of equality");
        assertNotEquals(NdArray.of(new double[] {1}), NdArray.of(new float[] {1}), "dtype is part of equality");
        assertTrue(NdArray.of(new double[] {1}).allClose(NdArray.of(new float[] {1}), 0, 0),
                "values compare across dtypes");
        NdArray inf = NdArray.of(new double[] {Double.POSITIVE_INFINITY});
        assertTrue(inf.allClose(inf, 0, 0));
        assertFalse(inf.allClose(NdArray.of(new double[] {Double.NEGATIVE_INFINITY}), 1, 1));
    }

    @Test
    void refusesDataOfTheWrongSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NdArray.of(new float[] {1, 2, 3}, 2, 2));
        assertTrue(e.getMessage().contains("needs 16 bytes, got 12"), e.getMessage());
    }

    @Test
    void convertsToAndFromIrTensors() {
        NdArray a = NdArray.of(new long[] {4, 5, 6}, 3, 1);
        assertEquals(a, NdArray.fromTensor(a.toTensor()));
        assertEquals("i64[3, 1] {4, 5, 6}", a.toString());
    }
}
