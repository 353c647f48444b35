package org.tf2torch.exporters.pytorch.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a state_dict the way {@code torch.save} does (zip format): {@code data.pkl} holds a
 * {@code collections.OrderedDict} of tensors, each tensor's bytes live in {@code data/<key>}. Uses only globals
 * that {@code torch.load(path, weights_only=True)} allows, so the file loads without trusting any code.
 */
public final class TorchSaveWriter {
    /** What torch 2.x names the folder; the name is free, readers take it from the first entry. */
    public static final String DEFAULT_PREFIX = "archive";

    private TorchSaveWriter() {}

    /** Writes {@code tensors} as a state_dict in the given key order; tensors get {@code requires_grad=False}. */
    public static void write(Path file, List<NamedTensor> tensors) throws IOException {
        try (ZipArchiveWriter zip = new ZipArchiveWriter(file, DEFAULT_PREFIX)) {
            write(zip, tensors);
        }
    }

    /** Writes into an open archive (tests pass one with forced ZIP64 limits). */
    static void write(ZipArchiveWriter zip, List<NamedTensor> tensors) throws IOException {
        Set<String> seen = new HashSet<>();
        StorageRecords storages = new StorageRecords();
        PickleWriter p = new PickleWriter();
        p.global("collections", "OrderedDict").emptyTuple().reduce();
        if (!tensors.isEmpty()) {
            p.mark();
            for (NamedTensor nt : tensors) {
                if (!seen.add(nt.name())) throw new IllegalArgumentException("duplicate key '" + nt.name() + "'");
                p.string(nt.name());
                storages.pickleTensor(p, nt.tensor(), false);
            }
            p.setItems();
        }
        p.stop();
        zip.putBytes("data.pkl", p.toByteArray());
        StorageRecords.writeFormatRecords(zip);
        storages.writeStorages(zip);
    }
}
