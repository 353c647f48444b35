package org.tf2torch.exporters.pytorch.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipArchiveWriterTest {
    @TempDir
    Path dir;

    /** Checks CRCs, STORED, 64-byte aligned data; prints name, size, crc per entry and the ZIP64 markers seen. */
    private static final String CHECK = """
            import sys, zipfile, struct
            path = sys.argv[1]
            raw = open(path, 'rb').read()
            z = zipfile.ZipFile(path)
            assert z.testzip() is None
            for i in z.infolist():
                off = i.header_offset
                assert raw[off:off + 4] == b'PK\\x03\\x04'
                nlen, elen = struct.unpack('<HH', raw[off + 26:off + 30])
                start = off + 30 + nlen + elen
                assert start % 64 == 0, (i.filename, start)
                assert i.compress_type == zipfile.ZIP_STORED
                assert raw[start:start + i.file_size] == z.read(i.filename)
                print(i.filename, i.file_size, i.CRC)
            print('zip64', b'PK\\x06\\x06' in raw, b'PK\\x06\\x07' in raw)
            """;

    private static Map<String, byte[]> sampleEntries(int... sizes) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < sizes.length; i++) {
            byte[] b = new byte[sizes[i]];
            for (int j = 0; j < b.length; j++) b[j] = (byte) (j * 31 + i);
            m.put(i == 1 ? "data/é ü" : "data/" + i, b);
        }
        return m;
    }

    private Path write(Map<String, byte[]> entries, long sizeLimit, long offsetLimit, int entryLimit) throws IOException {
        Path file = dir.resolve("t.zip");
        try (ZipArchiveWriter zip = new ZipArchiveWriter(file, "archive", sizeLimit, offsetLimit, entryLimit)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] data = e.getValue();
                // Trickle the bytes in small pieces, as a tensor streaming from a file would.
                zip.put(e.getKey(), data.length, out -> {
                    for (int off = 0; off < data.length; off += 7) {
                        CountingChannel.writeFully(out, ByteBuffer.wrap(data, off, Math.min(7, data.length - off)));
                    }
                });
            }
        }
        return file;
    }

    private static String expectedListing(Map<String, byte[]> entries, boolean zip64) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            CRC32 crc = new CRC32();
            crc.update(e.getValue());
            sb.append("archive/").append(e.getKey()).append(' ').append(e.getValue().length).append(' ')
                    .append(crc.getValue()).append('\n');
        }
        return sb.append("zip64 ").append(zip64 ? "True True" : "False False").append('\n').toString();
    }

    /** java.util.zip both ways: the central directory (ZipFile) and the local headers with CRC checks. */
    private static void assertJavaReads(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipFile z = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            assertEquals(entries.size(), z.size());
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry ze = z.getEntry("archive/" + e.getKey());
                try (InputStream in = z.getInputStream(ze)) {
                    assertArrayEquals(e.getValue(), in.readAllBytes());
                }
            }
        }
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            for (ZipEntry ze; (ze = in.getNextEntry()) != null; ) {
                names.add(ze.getName());
                assertArrayEquals(entries.get(ze.getName().substring("archive/".length())), in.readAllBytes());
            }
        }
        assertEquals(entries.size(), names.size());
    }

    @Test
    void storedAlignedEntriesWithRightCrcs() throws Exception {
        Map<String, byte[]> entries = sampleEntries(10, 0, 1000, 63, 64, 65);
        Path file = write(entries, ZipArchiveWriter.ZIP64_SIZE_LIMIT, ZipArchiveWriter.ZIP64_SIZE_LIMIT,
                ZipArchiveWriter.ZIP64_ENTRY_LIMIT);
        assertJavaReads(file, entries);
        PythonCheck.assumeTorch();
        assertEquals(expectedListing(entries, false), PythonCheck.run(CHECK, file.toString()));
    }

    @Test
    void zip64RecordsWhenLimitsAreForcedLow() throws Exception {
        // Entries 1, 3 and 4 pass the size limit, later offsets and the directory start too, and 6 >= 3 entries.
        Map<String, byte[]> entries = sampleEntries(10, 300, 0, 150, 101, 5);
        Path file = write(entries, 100, 100, 3);
        assertJavaReads(file, entries);
        PythonCheck.assumeTorch();
        assertEquals(expectedListing(entries, true), PythonCheck.run(CHECK, file.toString()));
    }

    @Test
    void wrongDeclaredSizeFailsAndLeavesNoDirectory() throws Exception {
        Path file = dir.resolve("bad.zip");
        try (ZipArchiveWriter zip = new ZipArchiveWriter(file, "archive")) {
            zip.putBytes("ok", new byte[] {1});
            assertThrows(IOException.class, () -> zip.put("short", 5, out -> out.write(ByteBuffer.wrap(new byte[3]))));
            assertThrows(IllegalStateException.class, () -> zip.putBytes("after", new byte[1]));
        }
        assertThrows(IOException.class, () -> new ZipFile(file.toFile()).close());
    }

    @Test
    void rejectsDuplicateNames() throws Exception {
        try (ZipArchiveWriter zip = new ZipArchiveWriter(dir.resolve("dup.zip"), "archive/")) {
            assertEquals("archive/", zip.prefix());
            zip.putBytes("a", new byte[0]);
            assertThrows(IllegalArgumentException.class, () -> zip.putBytes("a", new byte[0]));
        }
    }
}
