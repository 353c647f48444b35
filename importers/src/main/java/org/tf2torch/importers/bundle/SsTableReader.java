package org.tf2torch.importers.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.tf2torch.importers.ImportException;

/**
 * Reads a whole LevelDB-style table (TensorFlow's {@code variables.index}) into an ordered list of entries.
 * The file is read into memory at once: an index holds one small record per variable, so even a model with
 * gigabytes of weights has an index of kilobytes to a few megabytes, and random access buys nothing.
 */
final class SsTableReader {
    static final int FOOTER_LENGTH = 48;
    static final long MAGIC = 0xdb4775248b80fb57L;
    private static final int TRAILER_LENGTH = 5;
    private static final int NO_COMPRESSION = 0;
    private static final int SNAPPY = 1;
    private static final String RECOPY = "copy the SavedModel's variables folder again from its source";

    private final Path file;
    private final byte[] bytes;
    private int dataBlocks;
    private int snappyBlocks;

    private SsTableReader(Path file, byte[] bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    /** The table's entries in key order; any fault becomes an ImportException naming {@code file}. */
    static SsTableReader read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImportException(file + " is missing: point tf2torch at a SavedModel folder whose "
                    + "variables/ folder holds variables.index and its variables.data-* shards");
        } catch (IOException e) {
            throw new ImportException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new SsTableReader(file, bytes);
    }

    List<BlockReader.Entry> entries() {
        if (bytes.length < FOOTER_LENGTH) {
            throw fail("is truncated: it has " + bytes.length + " bytes, fewer than the " + FOOTER_LENGTH
                    + "-byte table footer");
        }
        int footer = bytes.length - FOOTER_LENGTH;
        try {
            ByteCursor tail = new ByteCursor(bytes, bytes.length - 8, bytes.length);
            long magic = tail.uintLE(4) | (tail.uintLE(4) << 32);
            if (magic != MAGIC) {
                throw fail("does not end with the table magic number (found 0x" + Long.toHexString(magic)
                        + "): it is truncated, or it is not a TensorFlow tensor bundle index");
            }
            ByteCursor f = new ByteCursor(bytes, footer, bytes.length - 8);
            f.varint64(); // metaindex offset: TensorFlow writes no filter or meta blocks we would need
            f.varint64(); // metaindex size
            long indexOffset = f.varint64();
            long indexSize = f.varint64();
            List<BlockReader.Entry> out = new ArrayList<>();
            for (BlockReader.Entry handle : BlockReader.entries(block(indexOffset, indexSize, "index block"))) {
                ByteCursor h = new ByteCursor(handle.value());
                long offset = h.varint64();
                long size = h.varint64();
                dataBlocks++;
                out.addAll(BlockReader.entries(block(offset, size, "data block")));
            }
            return out;
        } catch (BundleFormatException e) {
            throw fail("is corrupt: " + e.getMessage());
        }
    }

    int dataBlocks() { return dataBlocks; }

    /** Blocks (data and index) that were Snappy-compressed; tests use it to prove the path is exercised. */
    int snappyBlocks() { return snappyBlocks; }

    private byte[] block(long offset, long size, String what) throws BundleFormatException {
        long end = offset + size + TRAILER_LENGTH;
        if (offset < 0 || size < 0 || end > bytes.length - FOOTER_LENGTH || end < offset) {
            throw fail("is truncated: its " + what + " at byte " + offset + " (" + size + " bytes + trailer) "
                    + "lies outside the " + (bytes.length - FOOTER_LENGTH) + " bytes before the footer");
        }
        int start = (int) offset;
        int length = (int) size;
        int type = bytes[start + length] & 0xff;
        int stored = (int) new ByteCursor(bytes, start + length + 1, start + length + TRAILER_LENGTH).uintLE(4);
        // The checksum covers the block as stored (compressed) plus its type byte.
        CRC32C crc = new CRC32C();
        crc.update(bytes, start, length + 1);
        if (Crc32c.mask((int) crc.getValue()) != stored) {
            throw fail("is corrupt: the checksum of its " + what + " at byte " + offset + " does not match");
        }
        switch (type) {
            case NO_COMPRESSION:
                return java.util.Arrays.copyOfRange(bytes, start, start + length);
            case SNAPPY:
                snappyBlocks++;
                return Snappy.decompress(bytes, start, length);
            default:
                throw fail("uses block compression type " + type + " at byte " + offset
                        + "; only none (0) and Snappy (1) exist in tensor bundles");
        }
    }

    private ImportException fail(String problem) {
        return new ImportException(file + " " + problem + "; " + RECOPY);
    }
}
