package org.tf2torch.importers.bundle;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tf2torch.importers.ImportException;
import org.tf2torch.ir.Shape;

/**
 * The decoded {@code variables.index}: header checked, every entry parsed and checked against itself
 * (shard in range, size consistent with type and shape). Checks that need the data files live in
 * {@link TensorBundle}; keeping them apart lets the index be validated from its own bytes alone.
 */
final class BundleIndex {
    private final Path file;
    private final int numShards;
    private final Map<String, BundleEntry> entries;
    private final int snappyBlocks;

    private BundleIndex(Path file, int numShards, Map<String, BundleEntry> entries, int snappyBlocks) {
        this.file = file;
        this.numShards = numShards;
        this.entries = Collections.unmodifiableMap(entries);
        this.snappyBlocks = snappyBlocks;
    }

    static BundleIndex read(Path index) {
        SsTableReader table = SsTableReader.read(index);
        List<BlockReader.Entry> raw = table.entries();
        if (raw.isEmpty() || raw.get(0).key().length != 0) {
            throw new ImportException(index + " has no bundle header (the entry with the empty key): it is not a "
                    + "tensor bundle index; point tf2torch at the SavedModel's variables/variables.index");
        }
        BundleHeaderProto header = parseHeader(index, raw.get(0).value());
        Map<String, BundleEntry> entries = new LinkedHashMap<>();
        for (BlockReader.Entry e : raw.subList(1, raw.size())) {
            // Keys starting with a zero byte are the binary-encoded slices of partitioned variables; the full
            // variable has its own entry (with `slices` set), which is the one callers ask for.
            if (e.key().length == 0) {
                throw new ImportException(index + " holds a second entry with the empty key; the table is corrupt: "
                        + "copy the variables folder again");
            }
            if (e.key()[0] == 0) continue;
            String key = new String(e.key(), StandardCharsets.UTF_8);
            entries.put(key, parseEntry(index, key, e.value(), header.getNumShards()));
        }
        return new BundleIndex(index, header.getNumShards(), entries, table.snappyBlocks());
    }

    Path file() { return file; }

    int numShards() { return numShards; }

    /** Entries in the table's key order. */
    Map<String, BundleEntry> entries() { return entries; }

    int snappyBlocks() { return snappyBlocks; }

    private static BundleHeaderProto parseHeader(Path index, byte[] value) {
        BundleHeaderProto header;
        try {
            header = BundleHeaderProto.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new ImportException(index + " has a corrupt bundle header (" + e.getMessage()
                    + "); copy the SavedModel's variables folder again", e);
        }
        if (header.getEndianness() != BundleHeaderProto.Endianness.LITTLE) {
            throw new ImportException(index + " was written on a big-endian machine (endianness "
                    + header.getEndiannessValue() + "); tf2torch reads little-endian bundles only: load and re-save "
                    + "the model with TensorFlow on an x86 or ARM machine");
        }
        if (header.getNumShards() < 1) {
            throw new ImportException(index + " declares " + header.getNumShards() + " data shards; a bundle has at "
                    + "least one, so the index is corrupt: copy the variables folder again");
        }
        return header;
    }

    private static BundleEntry parseEntry(Path index, String key, byte[] value, int numShards) {
        BundleEntryProto proto;
        Shape shape;
        try {
            proto = BundleEntryProto.parseFrom(value);
            shape = BundleEntry.shapeOf(proto.getShape());
        } catch (InvalidProtocolBufferException | BundleFormatException e) {
            throw new ImportException(index + ": the entry of variable '" + key + "' is corrupt (" + e.getMessage()
                    + "); copy the variables folder again", e);
        }
        BundleEntry entry = new BundleEntry(key, proto, shape);
        if (entry.shardId() < 0 || entry.shardId() >= numShards) {
            throw new ImportException(index + ": variable '" + key + "' lives in shard " + entry.shardId()
                    + " but the bundle has " + numShards + " shards; the index is corrupt: copy it again");
        }
        if (entry.offset() < 0 || entry.size() < 0) {
            throw new ImportException(index + ": variable '" + key + "' has a negative offset or size; the index is "
                    + "corrupt: copy it again");
        }
        if (!entry.isSliced() && entry.hasIrType()) {
            long expected;
            try {
                expected = Math.multiplyExact(shape.numElements(), (long) entry.dtype().byteSize());
            } catch (ArithmeticException e) {
                expected = -1; // a shape this large cannot match any real size; reported just below
            }
            if (expected != entry.size()) {
                throw new ImportException(index + ": shape mismatch between index and data for variable '" + key
                        + "': " + entry.dtype() + shape + " needs " + expected + " bytes but the entry holds "
                        + entry.size() + "; the index is corrupt or from another save: copy the variables folder again");
            }
        }
        return entry;
    }
}
