package org.tf2torch.importers.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Writes small tensor bundles for tests, to reach cases the corpus lacks (several shards, big-endian headers,
 * partitioned or mistyped entries, many blocks). Follows the same table layout TensorFlow writes.
 */
final class TestBundleWriter {
    private final int numShards;
    private final ByteArrayOutputStream[] shards;
    private final Map<String, BundleEntryProto> entries = new TreeMap<>();
    private BundleHeaderProto.Endianness endianness = BundleHeaderProto.Endianness.LITTLE;
    private boolean snappy;
    private boolean blockPerEntry;

    TestBundleWriter(int numShards) {
        this.numShards = numShards;
        this.shards = new ByteArrayOutputStream[numShards];
        for (int i = 0; i < numShards; i++) shards[i] = new ByteArrayOutputStream();
    }

    TestBundleWriter bigEndian() { endianness = BundleHeaderProto.Endianness.BIG; return this; }

    /** Compress every block with Snappy (literal runs only, which is valid Snappy). */
    TestBundleWriter snappy() { snappy = true; return this; }

    /** One data block per entry, so the index block lists several handles. */
    TestBundleWriter blockPerEntry() { blockPerEntry = true; return this; }

    TestBundleWriter addFloats(String key, int shard, long[] shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        return addRaw(key, shard, DataType.DT_FLOAT, shape, b.array());
    }

    TestBundleWriter addRaw(String key, int shard, DataType type, long[] shape, byte[] data) {
        long offset = shards[shard].size();
        shards[shard].writeBytes(data);
        return addEntry(key, BundleEntryProto.newBuilder().setDtype(type).setShape(shape(shape)).setShardId(shard)
                .setOffset(offset).setSize(data.length).setCrc32C(Crc32c.maskedOf(data, 0, data.length)).build());
    }

    TestBundleWriter addEntry(String key, BundleEntryProto entry) {
        entries.put(key, entry);
        return this;
    }

    static TensorShapeProto shape(long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        return s.build();
    }

    /** Writes {@code dir/variables.index} and its shards; returns {@code dir}. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < numShards; i++) {
            Files.write(dir.resolve(String.format("variables.data-%05d-of-%05d", i, numShards)), shards[i].toByteArray());
        }
        List<byte[][]> kvs = new ArrayList<>();
        kvs.add(new byte[][] {new byte[0],
                BundleHeaderProto.newBuilder().setNumShards(numShards).setEndianness(endianness).build().toByteArray()});
        for (Map.Entry<String, BundleEntryProto> e : entries.entrySet()) {
            kvs.add(new byte[][] {e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue().toByteArray()});
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<byte[][]> index = new ArrayList<>();
        int step = blockPerEntry ? 1 : kvs.size();
        for (int i = 0; i < kvs.size(); i += step) {
            List<byte[][]> chunk = kvs.subList(i, Math.min(kvs.size(), i + step));
            byte[] handle = writeBlock(file, block(chunk));
            index.add(new byte[][] {chunk.get(chunk.size() - 1)[0], handle});
        }
        byte[] metaHandle = writeBlock(file, block(List.of()));
        byte[] indexHandle = writeBlock(file, block(index));
        ByteBuffer footer = ByteBuffer.allocate(SsTableReader.FOOTER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        footer.put(metaHandle).put(indexHandle);
        footer.position(40).putLong(SsTableReader.MAGIC);
        file.writeBytes(footer.array());
        Files.write(dir.resolve("variables.index"), file.toByteArray());
        return dir;
    }

    /** Prefix-compressed entries with a restart every second entry, so both paths of the decoder run. */
    static byte[] block(List<byte[][]> kvs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> restarts = new ArrayList<>();
        byte[] prev = new byte[0];
        for (int i = 0; i < kvs.size(); i++) {
            byte[] key = kvs.get(i)[0];
            byte[] value = kvs.get(i)[1];
            int shared = 0;
            if (i % 2 == 0) {
                restarts.add(out.size());
            } else {
                while (shared < prev.length && shared < key.length && prev[shared] == key[shared]) shared++;
            }
            out.writeBytes(varint(shared));
            out.writeBytes(varint(key.length - shared));
            out.writeBytes(varint(value.length));
            out.write(key, shared, key.length - shared);
            out.writeBytes(value);
            prev = key;
        }
        if (restarts.isEmpty()) restarts.add(0);
        ByteBuffer tail = ByteBuffer.allocate(4 * restarts.size() + 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int r : restarts) tail.putInt(r);
        tail.putInt(restarts.size());
        out.writeBytes(tail.array());
        return out.toByteArray();
    }

    private byte[] writeBlock(ByteArrayOutputStream file, byte[] contents) {
        byte[] stored = snappy ? snappyLiterals(contents) : contents;
        byte type = (byte) (snappy ? 1 : 0);
        long offset = file.size();
        file.writeBytes(stored);
        CRC32C crc = new CRC32C();
        crc.update(stored);
        crc.update(type);
        file.write(type);
        file.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(Crc32c.mask((int) crc.getValue())).array());
        ByteArrayOutputStream handle = new ByteArrayOutputStream();
        handle.writeBytes(varint(offset));
        handle.writeBytes(varint(stored.length));
        return handle.toByteArray();
    }

    static byte[] snappyLiterals(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(varint(data.length));
        for (int i = 0; i < data.length; i += 60) {
            int n = Math.min(60, data.length - i);
            out.write((n - 1) << 2);
            out.write(data, i, n);
        }
        return out.toByteArray();
    }

    static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }
}
