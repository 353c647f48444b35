package org.tf2torch.exporters.pytorch.io;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A streaming ZIP writer for PyTorch archives: STORED entries under one prefix folder, each entry's data
 * 64-byte aligned (PyTorch's {@code FB} padding extra field, so readers can map tensors in place), CRC32
 * computed while the body streams and patched into the local header afterwards, ZIP64 records where sizes,
 * offsets or the entry count need them. Entry sizes are declared up front, which settles the header layout
 * (ZIP64 or not, padding) before any data is written. Output is deterministic: every entry is dated 1980-01-01.
 */
public final class ZipArchiveWriter implements Closeable {
    /** Sizes and offsets at or above this are stored in ZIP64 fields. */
    static final long ZIP64_SIZE_LIMIT = 0xFFFFFFFFL;
    /** Entry counts at or above this need the ZIP64 end record. */
    static final int ZIP64_ENTRY_LIMIT = 0xFFFF;
    private static final int ALIGNMENT = 64;
    private static final int LOCAL_HEADER_SIZE = 30;
    private static final int CENTRAL_HEADER_SIZE = 46;
    private static final short PADDING_EXTRA_ID = 0x4246; // "FB" little-endian, PyTorch's own id
    private static final short DOS_DATE_1980_01_01 = (1 << 5) | 1;
    private static final short UTF8_NAME_FLAG = 0x0800;

    /** Writes one entry's bytes; must write exactly the declared size. */
    @FunctionalInterface
    public interface Body {
        void writeTo(WritableByteChannel out) throws IOException;
    }

    private record Entry(byte[] name, long offset, long size, int crc) {}

    private final FileChannel ch;
    private final String prefix;
    private final long sizeLimit;
    private final long offsetLimit;
    private final int entryLimit;
    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private boolean broken;
    private boolean closed;

    /** Creates (or truncates) {@code file}; every entry name is put under {@code prefix} (e.g. {@code archive}). */
    public ZipArchiveWriter(Path file, String prefix) throws IOException {
        this(file, prefix, ZIP64_SIZE_LIMIT, ZIP64_SIZE_LIMIT, ZIP64_ENTRY_LIMIT);
    }

    /**
     * Lower limits force the ZIP64 paths in tests without writing gigabytes. Offsets have their own limit
     * because libtorch's miniz bounds-checks a 0xFFFFFFFF offset against the file size, so a forced ZIP64
     * offset only loads there when the file really is that large.
     */
    ZipArchiveWriter(Path file, String prefix, long sizeLimit, long offsetLimit, int entryLimit) throws IOException {
        if (prefix.isEmpty() || prefix.startsWith("/") || prefix.contains("\\")) {
            throw new IllegalArgumentException("bad archive prefix '" + prefix + "'");
        }
        this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
        this.sizeLimit = sizeLimit;
        this.offsetLimit = offsetLimit;
        this.entryLimit = entryLimit;
        this.ch = FileChannel.open(file, CREATE, TRUNCATE_EXISTING, WRITE);
    }

    /** The prefix folder with its trailing slash. */
    public String prefix() { return prefix; }

    public void putBytes(String name, byte[] data) throws IOException {
        put(name, data.length, out -> CountingChannel.writeFully(out, ByteBuffer.wrap(data)));
    }

    /** Adds {@code prefix + name} holding the {@code size} bytes that {@code body} writes. */
    public void put(String name, long size, Body body) throws IOException {
        if (closed) throw new IllegalStateException("archive already closed");
        if (broken) throw new IllegalStateException("an earlier entry failed; the archive is unusable");
        if (size < 0) throw new IllegalArgumentException("negative size for " + name);
        String full = prefix + name;
        if (name.isEmpty() || name.startsWith("/") || !names.add(full)) {
            throw new IllegalArgumentException("bad or duplicate entry name '" + full + "'");
        }
        byte[] nameBytes = full.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 0xFFFF) throw new IllegalArgumentException("entry name too long: " + full);
        broken = true;
        long offset = ch.position();
        CountingChannel data = new CountingChannel(ch);
        writeLocalHeader(nameBytes, offset, size);
        body.writeTo(data);
        if (data.count() != size) {
            throw new IOException("entry " + full + " declared " + size + " bytes but its body wrote " + data.count());
        }
        // The checksum is known only now; the header was written with a zero placeholder at offset 14.
        ByteBuffer crc = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(data.crc()).flip();
        long at = offset + 14;
        while (crc.hasRemaining()) at += ch.write(crc, at);
        entries.add(new Entry(nameBytes, offset, size, data.crc()));
        broken = false;
    }

    private void writeLocalHeader(byte[] name, long offset, long size) throws IOException {
        boolean zip64 = size >= sizeLimit;
        int zip64Length = zip64 ? 20 : 0;
        long unpadded = offset + LOCAL_HEADER_SIZE + name.length + zip64Length + 4;
        int padding = (int) Math.floorMod(-unpadded, (long) ALIGNMENT);
        int extraLength = zip64Length + 4 + padding;
        ByteBuffer h = ByteBuffer.allocate(LOCAL_HEADER_SIZE + name.length + extraLength).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0x04034b50).putShort(version(zip64)).putShort(flags(name)).putShort((short) 0)
                .putShort((short) 0).putShort(DOS_DATE_1980_01_01)
                .putInt(0)
                .putInt(zip64 ? -1 : (int) size).putInt(zip64 ? -1 : (int) size)
                .putShort((short) name.length).putShort((short) extraLength).put(name);
        if (zip64) h.putShort((short) 1).putShort((short) 16).putLong(size).putLong(size);
        h.putShort(PADDING_EXTRA_ID).putShort((short) padding);
        h.position(h.limit()).flip();
        CountingChannel.writeFully(ch, h);
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try (FileChannel c = ch) {
            // A half-written entry would sit unlisted in a valid-looking archive; leave no central directory
            // so every reader rejects the file instead.
            if (broken) return;
            long cdStart = c.position();
            for (Entry e : entries) writeCentralHeader(e);
            long cdSize = c.position() - cdStart;
            writeEnd(cdStart, cdSize);
        }
    }

    private void writeCentralHeader(Entry e) throws IOException {
        boolean bigSize = e.size >= sizeLimit;
        boolean bigOffset = e.offset >= offsetLimit;
        int zip64Data = (bigSize ? 16 : 0) + (bigOffset ? 8 : 0);
        int extraLength = zip64Data == 0 ? 0 : 4 + zip64Data;
        ByteBuffer h = ByteBuffer.allocate(CENTRAL_HEADER_SIZE + e.name.length + extraLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        short version = version(bigSize || bigOffset);
        h.putInt(0x02014b50).putShort(version).putShort(version).putShort(flags(e.name)).putShort((short) 0)
                .putShort((short) 0).putShort(DOS_DATE_1980_01_01)
                .putInt(e.crc)
                .putInt(bigSize ? -1 : (int) e.size).putInt(bigSize ? -1 : (int) e.size)
                .putShort((short) e.name.length).putShort((short) extraLength)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0)
                .putInt(bigOffset ? -1 : (int) e.offset)
                .put(e.name);
        if (zip64Data > 0) {
            // Only the fields marked 0xFFFFFFFF above appear, in this order.
            h.putShort((short) 1).putShort((short) zip64Data);
            if (bigSize) h.putLong(e.size).putLong(e.size);
            if (bigOffset) h.putLong(e.offset);
        }
        CountingChannel.writeFully(ch, h.flip());
    }

    private void writeEnd(long cdStart, long cdSize) throws IOException {
        int count = entries.size();
        boolean manyEntries = count >= entryLimit;
        boolean bigStart = cdStart >= offsetLimit;
        boolean bigSize = cdSize >= sizeLimit;
        ByteBuffer h = ByteBuffer.allocate(56 + 20 + 22).order(ByteOrder.LITTLE_ENDIAN);
        if (manyEntries || bigStart || bigSize) {
            long record = cdStart + cdSize;
            h.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                    .putLong(count).putLong(count).putLong(cdSize).putLong(cdStart);
            h.putInt(0x07064b50).putInt(0).putLong(record).putInt(1);
        }
        short shortCount = manyEntries ? (short) 0xFFFF : (short) count;
        h.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort(shortCount).putShort(shortCount)
                .putInt(bigSize ? -1 : (int) cdSize).putInt(bigStart ? -1 : (int) cdStart).putShort((short) 0);
        CountingChannel.writeFully(ch, h.flip());
    }

    private static short version(boolean zip64) { return (short) (zip64 ? 45 : 20); }

    private static short flags(byte[] name) {
        for (byte b : name) if (b < 0) return UTF8_NAME_FLAG;
        return 0;
    }
}
