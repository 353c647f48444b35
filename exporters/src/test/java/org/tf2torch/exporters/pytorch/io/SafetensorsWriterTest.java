package org.tf2torch.exporters.pytorch.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;

class SafetensorsWriterTest {
    @TempDir
    Path dir;

    private static final String READ = PythonCheck.COMPARE + """
            import numpy as np
            NP = {'F64': '<f8', 'F32': '<f4', 'F16': '<f2', 'I64': '<i8', 'I32': '<i4', 'I16': '<i2',
                  'I8': '|i1', 'U8': '|u1', 'BOOL': '|b1'}
            data = open(sys.argv[1], 'rb').read()
            n = int.from_bytes(data[:8], 'little')
            assert n % 8 == 0, n
            header = json.loads(data[8:8 + n].decode('utf-8'))
            body = data[8 + n:]
            meta = header.pop('__metadata__', {})
            actual, end = [], 0
            for name, info in header.items():
                b, e = info['data_offsets']
                assert b == end, (name, b, end)
                end = e
                raw = body[b:e]
                if info['dtype'] == 'BF16':
                    arr, dt = (np.frombuffer(raw, '<u2').astype(np.uint32) << 16).view(np.float32), 'bfloat16'
                else:
                    arr = np.frombuffer(raw, NP[info['dtype']])
                    dt = str(arr.dtype)
                arr = arr.reshape(info['shape'])
                actual.append((name, dt, arr.shape, arr.reshape(-1).tolist()))
            assert end == len(body), (end, len(body))
            exp_meta, exp = expected(sys.argv[2])
            compare(actual, exp)
            assert meta == exp_meta, (meta, exp_meta)
            print('OK', len(actual))
            """;

    @Test
    void numpyReadsEveryDtypeAndHostileNames() throws Exception {
        PythonCheck.assumeTorch();
        List<NamedTensor> tensors = SampleTensors.all(dir);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("k\"\\\n", "v\u0000\u2028é");
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, tensors, meta);
        Path expected = dir.resolve("expected.txt");
        PythonCheck.writeExpected(expected, tensors, meta);
        String out = PythonCheck.run(READ, file.toString(), expected.toString());
        assertEquals("OK " + tensors.size(), out.strip());
    }

    @Test
    void layoutIsLengthPaddedHeaderThenData() throws Exception {
        Path file = dir.resolve("a.safetensors");
        SafetensorsWriter.write(file, List.of(
                new NamedTensor("a", TensorValues.ofFloats(Shape.of(2), 1f, 2f)),
                new NamedTensor("b", SampleTensors.fileSlice(dir))), null);
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", header.stripTrailing());
        assertEquals(8 + n + 24, bytes.length);
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) (8 + n), 24).slice().order(ByteOrder.LITTLE_ENDIAN);
        float[] expect = {1f, 2f, 0.25f, 0.5f, 0.75f, 1f};
        for (int i = 0; i < expect.length; i++) assertEquals(expect[i], data.getFloat(i * 4));
    }

    @Test
    void escapesEveryCharacterJsonNeeds() {
        StringBuilder sb = new StringBuilder();
        SafetensorsWriter.appendString(sb, "q\"b\\n\nr\rt\tb\bf\f\u0001\u001f\u007fé😀");
        assertEquals("\"q\\\"b\\\\n\\nr\\rt\\tb\\bf\\f\\u0001\\u001f\\u007fé😀\"", sb.toString());
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.appendString(new StringBuilder(), "x\ud800"));
    }

    @Test
    void rejectsDuplicateAndReservedNames() {
        NamedTensor a = new NamedTensor("a", TensorValues.ofFloats(Shape.of(1), 1f));
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.header(List.of(a, a), null));
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.header(
                List.of(new NamedTensor("__metadata__", a.tensor())), null));
        assertTrue(SafetensorsWriter.header(List.of(), Map.of()).length % 8 == 0);
    }
}
