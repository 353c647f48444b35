package org.tf2torch.exporters.pytorch.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Tensor;

/**
 * The tensor part of PyTorch's zip formats, shared by {@code torch.save} files and TorchScript archives:
 * pickles each tensor as a {@code _rebuild_tensor_v2} call on a persistent storage id, then writes each
 * storage as a raw {@code data/<key>} record. The same tensor object pickled twice gets one storage, as
 * tied weights do in PyTorch.
 */
final class StorageRecords {
    /** Both formats' readers accept this; it is what torch 1.13 writes. */
    private static final byte[] VERSION = "3\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BYTE_ORDER = "little".getBytes(StandardCharsets.US_ASCII);

    private final Map<Tensor, String> keys = new IdentityHashMap<>();
    private final List<Tensor> storages = new ArrayList<>();

    /** Pushes a contiguous CPU tensor over its own storage. */
    void pickleTensor(PickleWriter p, Tensor t, boolean requiresGrad) {
        String key = keys.get(t);
        if (key == null) {
            key = Integer.toString(storages.size());
            keys.put(t, key);
            storages.add(t);
        }
        long[] sizes = t.shape().sizes();
        p.global("torch._utils", "_rebuild_tensor_v2");
        p.beginTuple(6);
        p.beginTuple(5).string("storage").global("torch", storageClass(t.dtype())).string(key).string("cpu")
                .integer(t.numElements()).endTuple(5).persistentId();
        p.integer(0);
        pickleLongs(p, sizes);
        pickleLongs(p, contiguousStrides(sizes));
        p.bool(requiresGrad);
        // backward hooks: an empty OrderedDict, built by calling the class.
        p.global("collections", "OrderedDict").emptyTuple().reduce();
        p.endTuple(6);
        p.reduce();
    }

    /** Writes every storage pickled so far, in key order, streaming from the tensors. */
    void writeStorages(ZipArchiveWriter zip) throws IOException {
        for (int i = 0; i < storages.size(); i++) {
            Tensor t = storages.get(i);
            zip.put("data/" + i, t.byteSize(), t::writeTo);
        }
    }

    /** The {@code version} and {@code byteorder} records both formats carry. */
    static void writeFormatRecords(ZipArchiveWriter zip) throws IOException {
        zip.putBytes("version", VERSION);
        zip.putBytes("byteorder", BYTE_ORDER);
    }

    /** The legacy typed-storage class that names a dtype in a persistent id. */
    static String storageClass(DType d) {
        switch (d) {
            case BOOL: return "BoolStorage";
            case U8: return "ByteStorage";
            case I8: return "CharStorage";
            case I16: return "ShortStorage";
            case I32: return "IntStorage";
            case I64: return "LongStorage";
            case F16: return "HalfStorage";
            case BF16: return "BFloat16Storage";
            case F32: return "FloatStorage";
            case F64: return "DoubleStorage";
            default: throw new IllegalArgumentException("no torch storage for " + d);
        }
    }

    /** C-order strides; a zero-length dim counts as 1, as PyTorch computes them. */
    static long[] contiguousStrides(long[] sizes) {
        long[] strides = new long[sizes.length];
        long step = 1;
        for (int i = sizes.length - 1; i >= 0; i--) {
            strides[i] = step;
            step *= Math.max(sizes[i], 1);
        }
        return strides;
    }

    private static void pickleLongs(PickleWriter p, long[] values) {
        p.beginTuple(values.length);
        for (long v : values) p.integer(v);
        p.endTuple(values.length);
    }
}
