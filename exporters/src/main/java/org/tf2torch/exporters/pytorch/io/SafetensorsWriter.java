package org.tf2torch.exporters.pytorch.io;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tf2torch.ir.Tensor;

/**
 * Writes a {@code .safetensors} file: an 8-byte little-endian header length, a JSON header padded with spaces
 * to a multiple of 8 bytes, then every tensor's raw bytes in header order.
 */
public final class SafetensorsWriter {
    private static final String METADATA_KEY = "__metadata__";

    private SafetensorsWriter() {}

    /**
     * Writes {@code tensors} in the given order. {@code metadata} (may be null or empty) becomes the
     * {@code __metadata__} string map.
     */
    public static void write(Path file, List<NamedTensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = header(tensors, metadata);
        try (FileChannel ch = FileChannel.open(file, CREATE, TRUNCATE_EXISTING, WRITE)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
            CountingChannel.writeFully(ch, length);
            CountingChannel.writeFully(ch, ByteBuffer.wrap(header));
            for (NamedTensor nt : tensors) {
                // Handing the file channel itself to the tensor lets a file slice go file-to-file in the kernel.
                long start = ch.position();
                nt.tensor().writeTo(ch);
                long written = ch.position() - start;
                if (written != nt.tensor().byteSize()) {
                    throw new IOException("tensor '" + nt.name() + "' (" + nt.tensor().describe() + ") wrote "
                            + written + " bytes, expected " + nt.tensor().byteSize());
                }
            }
        }
    }

    /** The JSON header as written, padding included. */
    static byte[] header(List<NamedTensor> tensors, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (metadata != null && !metadata.isEmpty()) {
            appendString(json, METADATA_KEY);
            json.append(":{");
            boolean first = true;
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (!first) json.append(',');
                first = false;
                appendString(json, e.getKey());
                json.append(':');
                appendString(json, e.getValue());
            }
            json.append('}');
        }
        Set<String> seen = new HashSet<>();
        long offset = 0;
        for (NamedTensor nt : tensors) {
            if (nt.name().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor may not be named " + METADATA_KEY);
            }
            if (!seen.add(nt.name())) throw new IllegalArgumentException("duplicate tensor name '" + nt.name() + "'");
            Tensor t = nt.tensor();
            if (json.length() > 1) json.append(',');
            appendString(json, nt.name());
            json.append(":{\"dtype\":\"").append(t.dtype().safetensorsName()).append("\",\"shape\":[");
            long[] sizes = t.shape().sizes();
            for (int i = 0; i < sizes.length; i++) {
                if (i > 0) json.append(',');
                json.append(sizes[i]);
            }
            long end = offset + t.byteSize();
            json.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        json.append('}');
        byte[] text = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + 7) & ~7;
        byte[] out = new byte[padded];
        System.arraycopy(text, 0, out, 0, text.length);
        for (int i = text.length; i < padded; i++) out[i] = ' ';
        return out;
    }

    /** Appends {@code s} as a JSON string literal; names come from models, so every character is handled. */
    static void appendString(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': json.append("\\\""); break;
                case '\\': json.append("\\\\"); break;
                case '\n': json.append("\\n"); break;
                case '\r': json.append("\\r"); break;
                case '\t': json.append("\\t"); break;
                case '\b': json.append("\\b"); break;
                case '\f': json.append("\\f"); break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        json.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        // UTF-8 cannot carry it and strict JSON readers (the Rust crate) reject it escaped.
                        throw new IllegalArgumentException("unpaired UTF-16 surrogate at index " + i + " of a name");
                    } else {
                        json.append(c);
                    }
            }
        }
        json.append('"');
    }
}
