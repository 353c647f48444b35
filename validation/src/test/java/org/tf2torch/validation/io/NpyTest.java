package org.tf2torch.validation.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tf2torch.ir.DType;
import org.tf2torch.validation.TestEnv;

class NpyTest {
    /** One NumPy-written file per dtype, with the dtype and shape its case.json declares. */
    @ParameterizedTest
    @CsvSource({
        "tf-ops/bias_add/inputs/input.npy, f64, 10;4",
        "tf-ops/g_00/outputs/output.npy, f32, ",
        "tf-ops/right_shift/rank1_int32/outputs/RightShift.npy, i32, ",
        "tf-ops/zeros_like/rank2_float32_dtype_int8/outputs/zeros_like.npy, i8, 3;12",
        "tf-ops/zeros_like/rank2_float32_dtype_int16/outputs/zeros_like.npy, i16, ",
        "tf-ops/DeepCopy/int64/outputs/DeepCopy.npy, i64, ",
        "tf-ops/DeepCopy/half/outputs/DeepCopy.npy, f16, 1;3;3;2",
        "tf-ops/bitcast/from_int64_to_uint8/outputs/Bitcast.npy, u8, ",
        "tf-ops/reduce_all/rank1/outputs/All.npy, bool, ",
        "tf-ops/identity/identity_rank0/outputs/Identity.npy, f32, ''",
        "tf-ops/emptyArrayTests/logical_or/rank1/outputs/LogicalOr.npy, bool, 1;0",
    })
    void readsNumpyFilesAndWritesThemBackByteForByte(String file, String dtype, String shape) throws IOException {
        Path path = TestEnv.corpus(file);
        NdArray a = Npy.read(path);
        assertEquals(DType.fromIrName(dtype), a.dtype());
        if (shape != null) {
            long[] want = shape.isEmpty() ? new long[0]
                    : java.util.Arrays.stream(shape.split(";")).mapToLong(Long::parseLong).toArray();
            assertArrayEquals(want, a.shape());
        }
        byte[] original = Files.readAllBytes(path);
        assertArrayEquals(original, Npy.toBytes(a), "rewritten file differs from NumPy's");
        assertEquals(a, Npy.read(new ByteArrayInputStream(original)));
    }

    @Test
    void valuesMatchWhatTheCaseDeclares() throws IOException {
        NdArray all = Npy.read(TestEnv.corpus("tf-ops/reduce_all/rank1/outputs/All.npy"));
        assertEquals(0, all.rank());
        double v = all.getDouble(0);
        assertTrue(v == 0 || v == 1);
        NdArray half = Npy.read(TestEnv.corpus("tf-ops/DeepCopy/half/outputs/DeepCopy.npy"));
        for (double d : half.toDoubleArray()) assertTrue(Double.isFinite(d));
    }

    @Test
    void refusesTypesTf2torchCannotHold() {
        IOException e = assertThrows(IOException.class,
                () -> Npy.read(TestEnv.corpus("tf-ops/bitcast/from_int32_to_uint16/outputs/Bitcast.npy")));
        assertTrue(e.getMessage().contains("unsupported .npy dtype '<u2'"), e.getMessage());
    }

    @Test
    void refusesFortranOrderAndBigEndianWithAClearMessage() {
        IOException f = assertThrows(IOException.class, () -> Npy.read(new ByteArrayInputStream(
                file(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", 16))));
        assertTrue(f.getMessage().contains("Fortran order"), f.getMessage());
        IOException b = assertThrows(IOException.class, () -> Npy.read(new ByteArrayInputStream(
                file(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", 8))));
        assertTrue(b.getMessage().contains("big-endian"), b.getMessage());
        IOException t = assertThrows(IOException.class, () -> Npy.read(new ByteArrayInputStream(
                file(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", 8))));
        assertTrue(t.getMessage().contains("truncated"), t.getMessage());
    }

    @Test
    void readsVersion2Headers() throws IOException {
        byte[] f = file(2, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", 0);
        ByteBuffer data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(7).putLong(-3);
        byte[] all = new byte[f.length + 16];
        System.arraycopy(f, 0, all, 0, f.length);
        System.arraycopy(data.array(), 0, all, f.length, 16);
        assertArrayEquals(new long[] {7, -3}, Npy.read(new ByteArrayInputStream(all)).toLongArray());
    }

    @Test
    void roundTripsEveryDTypeNumpyKnows() throws IOException {
        for (DType d : DType.values()) {
            if (d.numpyDescr() == null) {
                NdArray bf = NdArray.ofDoubles(d, new double[] {1, 2});
                assertThrows(IOException.class, () -> Npy.toBytes(bf), "bfloat16 has no .npy type");
                continue;
            }
            NdArray a = NdArray.ofDoubles(d, new double[] {0, 1, 1, 0, 1, 0}, 2, 3);
            byte[] bytes = Npy.toBytes(a);
            int headerEnd = 10 + ((bytes[8] & 0xff) | ((bytes[9] & 0xff) << 8));
            assertEquals(0, headerEnd % 64, "header not 64-aligned");
            assertEquals(a, Npy.read(new ByteArrayInputStream(bytes)), d.toString());
        }
    }

    @Test
    void npzRoundTripsStoredAndDeflatedKeepingOrder(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Map<String, NdArray> arrays = new java.util.LinkedHashMap<>();
        arrays.put("z", NdArray.of(new float[] {1.5f, -2f}, 2, 1));
        arrays.put("a", NdArray.of(new boolean[] {true, false, true}));
        arrays.put("m", NdArray.scalar(DType.I64, 42));
        for (boolean compressed : new boolean[] {false, true}) {
            Path f = dir.resolve("a" + compressed + ".npz");
            Npz.write(f, arrays, compressed);
            Map<String, NdArray> back = Npz.read(f);
            assertEquals(List.copyOf(arrays.keySet()), List.copyOf(back.keySet()));
            assertEquals(arrays, back);
        }
    }

    /** NumPy's own savez writes ZIP64 local headers; savez_compressed deflates. Both must read. */
    @Test
    void readsNpzWrittenByNumpy(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path py = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(py), "skipped: no /usr/bin/python3");
        String script = "import numpy as np\n"
                + "np.savez(r'" + dir.resolve("s.npz") + "', b=np.arange(6, dtype='<f4').reshape(2, 3),"
                + " a=np.array([True, False]))\n"
                + "np.savez_compressed(r'" + dir.resolve("c.npz") + "', x=np.arange(5, dtype=np.int16))\n";
        Process p = new ProcessBuilder(py.toString(), "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "skipped: numpy unavailable: " + out);
        Map<String, NdArray> s = Npz.read(dir.resolve("s.npz"));
        assertEquals(List.of("b", "a"), List.copyOf(s.keySet()));
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, s.get("b").toFloatArray());
        assertArrayEquals(new long[] {2, 3}, s.get("b").shape());
        assertEquals(NdArray.of(new boolean[] {true, false}), s.get("a"));
        Map<String, NdArray> c = Npz.read(dir.resolve("c.npz"));
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, c.get("x").toLongArray());
        assertEquals(DType.I16, c.get("x").dtype());
    }

    /** A header-only .npy with {@code dataBytes} zero bytes of data after it. */
    private static byte[] file(int version, String header, int dataBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        byte[] h = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
        if (version == 1) {
            out.write(h.length & 0xff);
            out.write(h.length >> 8);
        } else {
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(h.length).array());
        }
        out.write(h);
        out.write(new byte[dataBytes]);
        return out.toByteArray();
    }
}
