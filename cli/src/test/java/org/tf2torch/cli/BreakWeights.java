package org.tf2torch.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.tf2torch.ir.json.Json;

/**
 * Deliberately breaks a conversion for tests: adds 1 to one f32 element of a state_dict tensor in model.safetensors
 * and in model.torchscript.pt alike, so every PyTorch backend computes the same wrong value.
 */
final class BreakWeights {
    private BreakWeights() {}

    static void addOne(Path dir, String key, int element) throws IOException {
        byte[] st = Files.readAllBytes(dir.resolve("model.safetensors"));
        ByteBuffer b = ByteBuffer.wrap(st).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = (int) b.getLong(0);
        Map<String, Object> header = Json.parseObject(new String(st, 8, headerLen, StandardCharsets.UTF_8));
        List<?> offsets = (List<?>) ((Map<?, ?>) header.get(key)).get("data_offsets");
        int start = 8 + headerLen + ((Number) offsets.get(0)).intValue();
        int end = 8 + headerLen + ((Number) offsets.get(1)).intValue();
        byte[] original = java.util.Arrays.copyOfRange(st, start, end);
        bump(b, start + 4 * element);
        Files.write(dir.resolve("model.safetensors"), st);

        // The archive holds the same bytes as a STORED zip record; patch them there and fix the record's CRC32.
        Path archive = dir.resolve("model.torchscript.pt");
        byte[] zip = Files.readAllBytes(archive);
        int at = indexOf(zip, original);
        if (at < 0 || indexOf(zip, original, at + 1) >= 0) throw new IOException(key + " not found once in the archive");
        ByteBuffer z = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        bump(z, at + 4 * element);
        int local = -1;
        long dataStart = 0;
        long size = 0;
        for (int i = at; i >= 0 && local < 0; i--) {
            if (z.getInt(i) != 0x04034b50) continue;
            dataStart = i + 30L + (z.getShort(i + 26) & 0xffff) + (z.getShort(i + 28) & 0xffff);
            size = z.getInt(i + 18) & 0xffffffffL;
            if (dataStart <= at && at < dataStart + size) local = i;
        }
        if (local < 0) throw new IOException("no zip record holds " + key);
        CRC32 crc = new CRC32();
        crc.update(zip, (int) dataStart, (int) size);
        z.putInt(local + 14, (int) crc.getValue());
        for (int i = 0; i + 46 <= zip.length; i++) {
            if (z.getInt(i) == 0x02014b50 && z.getInt(i + 42) == local) z.putInt(i + 16, (int) crc.getValue());
        }
        Files.write(archive, zip);
    }

    private static void bump(ByteBuffer b, int at) {
        b.putFloat(at, b.getFloat(at) + 1f);
    }

    private static int indexOf(byte[] hay, byte[] needle) { return indexOf(hay, needle, 0); }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
