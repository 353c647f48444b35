package org.tf2torch.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorDataTest {
    @TempDir
    Path dir;

    private static byte[] bytes(Tensor t) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.writeTo(out);
        return out.toByteArray();
    }

    private static byte[] floatBytes(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    @Test
    void denseTensorChecksItsSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DenseTensor(DType.F32, Shape.of(2, 3), new byte[20]));
        assertEquals("tensor f32[2,3] needs 24 bytes, got 20", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DenseTensor(DType.F16, Shape.of(2), new byte[5]));
        e = assertThrows(IllegalArgumentException.class,
                () -> new DenseTensor(DType.F32, Shape.parse("[batch,3]"), new byte[12]));
        assertTrue(e.getMessage().contains("static shape"), e.getMessage());
        assertEquals(0, new DenseTensor(DType.I64, Shape.of(0, 4), new byte[0]).byteSize());
    }

    @Test
    void denseTensorTakesTheRemainingBytesAndIsReadOnly() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(floatBytes(9, 1, 2));
        b.position(4);
        DenseTensor t = new DenseTensor(DType.F32, Shape.of(2), b);
        assertArrayEquals(new double[] {1, 2}, TensorValues.toDoubles(t));
        assertArrayEquals(floatBytes(1, 2), bytes(t));
        assertArrayEquals(floatBytes(1, 2), bytes(t), "writing twice gives the same bytes");
        assertTrue(t.read().isReadOnly());
        assertEquals(0, t.read().position());
    }

    @Test
    void fileSliceReadsOnlyItsBytes() throws IOException {
        Path f = dir.resolve("variables.data-00000-of-00001");
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(new byte[] {1, 2, 3, 4, 5});
        content.write(floatBytes(1.5f, -2f, 3.25f, 4f, 5f, 6f));
        content.write(new byte[] {9, 9});
        Files.write(f, content.toByteArray());
        FileSliceTensor t = new FileSliceTensor(DType.F32, Shape.of(2, 3), f, 5);
        assertArrayEquals(new double[] {1.5, -2, 3.25, 4, 5, 6}, TensorValues.toDoubles(t));
        assertArrayEquals(floatBytes(1.5f, -2f, 3.25f, 4f, 5f, 6f), bytes(t));
        assertEquals("f32[2,3] at variables.data-00000-of-00001@5", t.describe());
        FileSliceTensor tail = new FileSliceTensor(DType.U8, Shape.of(2), f, 29);
        assertArrayEquals(new long[] {9, 9}, TensorValues.toLongs(tail));
    }

    @Test
    void fileSliceReportsAShortFile() throws IOException {
        Path f = dir.resolve("short.data");
        Files.write(f, new byte[30]);
        FileSliceTensor t = new FileSliceTensor(DType.F32, Shape.of(2, 3), f, 8);
        String expected = f + " is truncated: it has 30 bytes but tensor f32[2,3] needs bytes 8..32";
        IOException e = assertThrows(IOException.class, t::read);
        assertEquals(expected, e.getMessage());
        e = assertThrows(IOException.class, () -> bytes(t));
        assertEquals(expected, e.getMessage());
        java.io.UncheckedIOException u = assertThrows(java.io.UncheckedIOException.class, () -> TensorValues.toDoubles(t));
        assertEquals(expected, u.getCause().getMessage());
        assertThrows(IOException.class, () -> new FileSliceTensor(DType.F32, Shape.of(1), dir.resolve("missing"), 0).read());
        assertThrows(IllegalArgumentException.class, () -> new FileSliceTensor(DType.F32, Shape.of(1), f, -4));
    }

    @Test
    void transposerMovesBytesOfAnyElementSize() {
        // 2x3 of shorts: [[0,1,2],[3,4,5]] transposed is [[0,3],[1,4],[2,5]]
        ByteBuffer src = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        for (short i = 0; i < 6; i++) src.putShort(i);
        ByteBuffer out = Transposer.transpose(src.flip(), new long[] {2, 3}, new int[] {1, 0}, 2);
        short[] got = new short[6];
        for (int i = 0; i < 6; i++) got[i] = out.getShort(i * 2);
        assertArrayEquals(new short[] {0, 3, 1, 4, 2, 5}, got);
        ByteBuffer scalar = Transposer.transpose(ByteBuffer.wrap(new byte[] {7}), new long[0], new int[0], 1);
        assertEquals(7, scalar.get(0));
    }

    /** Element of an HWIO kernel at (h, w, i, o), as the test fills it. */
    private static double hwio(int h, int w, int i, int o) { return 1000 * h + 100 * w + 10 * i + o; }

    @Test
    void permutedTensorIsTheTransposedData() throws IOException {
        int kh = 3, kw = 2, ci = 2, co = 4;
        double[] v = new double[kh * kw * ci * co];
        int k = 0;
        for (int h = 0; h < kh; h++) for (int w = 0; w < kw; w++) for (int i = 0; i < ci; i++) for (int o = 0; o < co; o++) {
            v[k++] = hwio(h, w, i, o);
        }
        Path f = dir.resolve("kernel.data");
        Tensor dense = TensorValues.ofDoubles(DType.F32, Shape.of(kh, kw, ci, co), v);
        Files.write(f, bytes(dense));
        for (Tensor base : new Tensor[] {dense, new FileSliceTensor(DType.F32, Shape.of(kh, kw, ci, co), f, 0)}) {
            PermutedTensor oihw = new PermutedTensor(base, new int[] {3, 2, 0, 1});
            assertEquals(TensorType.parse("f32[4,2,3,2]"), oihw.type());
            double[] got = TensorValues.toDoubles(oihw);
            k = 0;
            for (int o = 0; o < co; o++) for (int i = 0; i < ci; i++) for (int h = 0; h < kh; h++) for (int w = 0; w < kw; w++) {
                assertEquals(hwio(h, w, i, o), got[k++], "OIHW element " + o + "," + i + "," + h + "," + w);
            }
            assertArrayEquals(bytes(TensorValues.ofDoubles(DType.F32, oihw.shape(), got)), bytes(oihw));
        }
    }

    @Test
    void permutedTensorChecksThePermutation() {
        Tensor t = TensorValues.ofFloats(Shape.of(2, 3), new float[6]);
        assertThrows(IllegalArgumentException.class, () -> new PermutedTensor(t, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new PermutedTensor(t, new int[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new PermutedTensor(t, new int[] {0, 2}));
        int[] perm = {1, 0};
        PermutedTensor p = new PermutedTensor(t, perm);
        perm[0] = 0;
        assertEquals(Shape.of(3, 2), p.shape());
        assertArrayEquals(new int[] {1, 0}, p.perm());
        assertEquals("permute[1, 0] of dense f32[2,3]", p.describe());
    }
}
