package org.tf2torch.importers.bundle;

import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorShapeProto;
import org.tf2torch.importers.ImportException;
import org.tf2torch.importers.TfTypes;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Shape;

/**
 * What the index says about one saved tensor: its TensorFlow type and shape, and where its bytes lie (shard,
 * offset, size, checksum). Immutable; holds no data.
 */
public final class BundleEntry {
    private final String key;
    private final BundleEntryProto proto;
    private final Shape shape;

    BundleEntry(String key, BundleEntryProto proto, Shape shape) {
        this.key = key;
        this.proto = proto;
        this.shape = shape;
    }

    /** Parses the entry's shape, which a bundle always stores fully known. */
    static Shape shapeOf(TensorShapeProto p) throws BundleFormatException {
        if (p.getUnknownRank()) throw new BundleFormatException("its shape has unknown rank");
        long[] sizes = new long[p.getDimCount()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = p.getDim(i).getSize();
            if (sizes[i] < 0) throw new BundleFormatException("its shape " + p.getDimList() + " has an unknown dimension");
        }
        Shape shape = Shape.of(sizes);
        try {
            shape.numElements();
        } catch (ArithmeticException e) {
            throw new BundleFormatException("its shape " + shape + " has more elements than a long can count");
        }
        return shape;
    }

    public String key() { return key; }

    /** The TensorFlow type as stored, {@code _REF} variants included. */
    public DataType tfType() { return proto.getDtype(); }

    /** The IR type; throws an ImportException naming this key when the TF type has none. */
    public DType dtype() {
        try {
            return TfTypes.fromProto(proto.getDtype());
        } catch (ImportException e) {
            throw new ImportException("variable '" + key + "': " + e.getMessage(), e);
        }
    }

    /** True when the TF type maps to an IR type, i.e. {@link #dtype()} will not throw. */
    public boolean hasIrType() { return TfTypes.tryFromProto(proto.getDtype()).isPresent(); }

    public boolean isString() { return TfTypes.base(proto.getDtype()) == DataType.DT_STRING; }

    /**
     * True for a partitioned variable's full entry, whose data lives in separate slice entries; the reader
     * refuses these because reassembling partitions is not implemented.
     */
    public boolean isSliced() { return proto.getSlicesCount() > 0; }

    public Shape shape() { return shape; }

    public int shardId() { return proto.getShardId(); }

    /** Byte offset of the data inside its shard file. */
    public long offset() { return proto.getOffset(); }

    /** Byte length of the data inside its shard file. */
    public long size() { return proto.getSize(); }

    /** The masked CRC32C of the data, as stored in the index. */
    public int maskedCrc32c() { return proto.getCrc32C(); }

    public BundleEntryProto proto() { return proto; }

    @Override
    public String toString() {
        return key + " " + TfTypes.name(proto.getDtype()) + shape + " shard " + shardId() + " @" + offset()
                + "+" + size();
    }
}
