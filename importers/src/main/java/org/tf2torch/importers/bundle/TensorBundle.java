package org.tf2torch.importers.bundle;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;
import org.tf2torch.importers.ImportException;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.FileSliceTensor;
import org.tf2torch.ir.Tensor;

/**
 * A SavedModel's variables: the {@code variables.index} table and its {@code variables.data-*} shards.
 * Opening reads and checks only the index and the shard files' sizes; tensor data stays on disk and is
 * handed out as {@link FileSliceTensor}s, so a model of any size opens with a small heap.
 */
public final class TensorBundle {
    /** Key of the TF2 object graph that maps Python object paths to variable keys. */
    public static final String OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH";
    private static final int COPY_BUFFER = 1 << 16;

    private final Path indexFile;
    private final String prefix;
    private final int numShards;
    private final Map<String, BundleEntry> entries;
    private final int snappyBlocks;

    private TensorBundle(Path indexFile, String prefix, int numShards, Map<String, BundleEntry> entries,
                         int snappyBlocks) {
        this.indexFile = indexFile;
        this.prefix = prefix;
        this.numShards = numShards;
        this.entries = entries;
        this.snappyBlocks = snappyBlocks;
    }

    /**
     * Opens a bundle given a SavedModel's {@code variables} folder, the SavedModel folder itself, the
     * {@code variables.index} file, or a checkpoint prefix ({@code .../variables/variables}).
     */
    public static TensorBundle open(Path path) {
        BundleIndex index = BundleIndex.read(BundlePaths.indexFile(path));
        TensorBundle bundle = new TensorBundle(index.file(), BundlePaths.prefixOf(index.file()), index.numShards(),
                index.entries(), index.snappyBlocks());
        bundle.checkShards();
        return bundle;
    }

    /** Fails early, with every missing file named, rather than when the first weight is written. */
    private void checkShards() {
        Map<Integer, List<String>> byShard = new TreeMap<>();
        for (BundleEntry e : entries.values()) byShard.computeIfAbsent(e.shardId(), s -> new ArrayList<>()).add(e.key());
        List<String> missing = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> s : byShard.entrySet()) {
            if (!Files.isRegularFile(shardFile(s.getKey()))) {
                missing.add(shardFile(s.getKey()).getFileName() + " is missing (it holds '" + s.getValue().get(0) + "'"
                        + (s.getValue().size() > 1 ? " and " + (s.getValue().size() - 1) + " more" : "") + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new ImportException("in " + indexFile.getParent() + ": " + String.join(", ", missing)
                    + "; copy every variables.data-* file together with variables.index");
        }
        Map<Integer, Long> lengths = new TreeMap<>();
        for (int shard : byShard.keySet()) {
            try {
                lengths.put(shard, Files.size(shardFile(shard)));
            } catch (IOException e) {
                throw new ImportException("cannot read " + shardFile(shard) + ": " + e.getMessage(), e);
            }
        }
        for (BundleEntry e : entries.values()) {
            long length = lengths.get(e.shardId());
            if (e.size() > length - e.offset()) {
                throw new ImportException(shardFile(e.shardId()) + " has " + length + " bytes but variable '" + e.key()
                        + "' extends past its end (bytes " + e.offset() + ".." + (e.offset() + e.size())
                        + "): the shard is truncated or from another save; copy the variables folder again");
            }
        }
    }

    public Path indexFile() { return indexFile; }

    public int numShards() { return numShards; }

    /** {@code variables.data-0000S-of-0000N} next to the index. */
    public Path shardFile(int shard) {
        return Path.of(prefix + String.format(".data-%05d-of-%05d", shard, numShards));
    }

    /** Variable keys in the index's (sorted) order; excludes the header and partition slices. */
    public List<String> keys() { return List.copyOf(entries.keySet()); }

    public boolean contains(String key) { return entries.containsKey(key); }

    /** The index record for {@code key}; throws an ImportException when the bundle has no such variable. */
    public BundleEntry entry(String key) {
        BundleEntry e = entries.get(key);
        if (e == null) {
            throw new ImportException(indexFile + " has no variable '" + key + "' (it has " + entries.size()
                    + "); the SavedModel's graph and its variables folder do not belong together");
        }
        return e;
    }

    /** A lazy view of the variable's bytes in its shard; reads nothing now. */
    public Tensor tensor(String key) {
        BundleEntry e = plainEntry(key);
        DType dtype;
        try {
            dtype = e.dtype();
        } catch (ImportException ex) {
            throw new ImportException(indexFile + ": " + ex.getMessage(), ex);
        }
        return new FileSliceTensor(dtype, e.shape(), shardFile(e.shardId()), e.offset());
    }

    /** Streams the variable's bytes through CRC32C and compares with the index; throws on a mismatch. */
    public void verifyCrc(String key) {
        BundleEntry e = entry(key);
        if (e.isString()) {
            stringTensor(key);
            return;
        }
        refuseSliced(e);
        Path file = shardFile(e.shardId());
        CRC32C crc = new CRC32C();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(COPY_BUFFER);
            long pos = e.offset();
            long end = e.offset() + e.size();
            while (pos < end) {
                buf.clear().limit((int) Math.min(COPY_BUFFER, end - pos));
                int n = ch.read(buf, pos);
                if (n < 0) throw new ImportException(file + " ends at byte " + pos + " inside variable '" + key + "'");
                buf.flip();
                crc.update(buf);
                pos += n;
            }
        } catch (IOException ex) {
            throw new ImportException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        checkCrc(e, Crc32c.mask((int) crc.getValue()));
    }

    /** The elements of a DT_STRING variable, checksums verified. */
    public List<byte[]> stringTensor(String key) {
        BundleEntry e = entry(key);
        if (!e.isString()) {
            throw new ImportException("variable '" + key + "' in " + indexFile + " is " + e.tfType()
                    + ", not a string tensor");
        }
        refuseSliced(e);
        Path file = shardFile(e.shardId());
        if (e.size() > Integer.MAX_VALUE - 8) {
            throw new ImportException("string variable '" + key + "' in " + file + " is too large to read (" + e.size()
                    + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) e.size());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buf.hasRemaining()) {
                if (ch.read(buf, e.offset() + buf.position()) < 0) {
                    throw new ImportException(file + " ends inside string variable '" + key + "'");
                }
            }
        } catch (IOException ex) {
            throw new ImportException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        StringTensors.Decoded d;
        try {
            d = StringTensors.decode(buf.array(), e.shape().numElements());
        } catch (BundleFormatException ex) {
            throw new ImportException("string variable '" + key + "' in " + file + " is corrupt: " + ex.getMessage()
                    + "; copy the variables folder again");
        }
        checkCrc(e, d.entryMaskedCrc());
        return d.values();
    }

    /** The TF2 object graph, or empty for TF1 SavedModels, which have none. */
    public Optional<TrackableObjectGraph> objectGraph() {
        if (!contains(OBJECT_GRAPH_KEY)) return Optional.empty();
        List<byte[]> values = stringTensor(OBJECT_GRAPH_KEY);
        if (values.size() != 1) {
            throw new ImportException(indexFile + ": " + OBJECT_GRAPH_KEY + " holds " + values.size()
                    + " strings instead of one; the variables folder is corrupt");
        }
        try {
            return Optional.of(TrackableObjectGraph.parseFrom(values.get(0)));
        } catch (InvalidProtocolBufferException ex) {
            throw new ImportException(indexFile + ": " + OBJECT_GRAPH_KEY + " is not a valid TrackableObjectGraph ("
                    + ex.getMessage() + "); the variables folder is corrupt", ex);
        }
    }

    /** Number of Snappy-compressed blocks in the index; a diagnostic for tests. */
    int snappyBlocks() { return snappyBlocks; }

    private BundleEntry plainEntry(String key) {
        BundleEntry e = entry(key);
        refuseSliced(e);
        if (e.isString()) {
            throw new ImportException("variable '" + key + "' is a string tensor (" + e.tfType() + "), which has no "
                    + "PyTorch tensor form; read it with stringTensor(key)");
        }
        return e;
    }

    private void refuseSliced(BundleEntry e) {
        if (e.isSliced()) {
            throw new ImportException("variable '" + e.key() + "' in " + indexFile + " is a partitioned variable ("
                    + e.proto().getSlicesCount() + " slice(s)), which tf2torch does not reassemble yet; save the model "
                    + "with unpartitioned variables (no tf.fixed_size_partitioner / PartitionedVariable)");
        }
    }

    private void checkCrc(BundleEntry e, int computed) {
        if (computed != e.maskedCrc32c()) {
            throw new ImportException("variable '" + e.key() + "' in " + shardFile(e.shardId()) + " fails its checksum "
                    + String.format("(index says 0x%08x, data gives 0x%08x)", e.maskedCrc32c(), computed)
                    + ": the data file is corrupt or from another save; copy the variables folder again");
        }
    }
}
