package org.tf2torch.exporters.pytorch.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.tf2torch.exporters.pytorch.io.ScriptModule.Attribute;
import org.tf2torch.exporters.pytorch.io.ScriptModule.BoolAttribute;
import org.tf2torch.exporters.pytorch.io.ScriptModule.FloatAttribute;
import org.tf2torch.exporters.pytorch.io.ScriptModule.IntAttribute;
import org.tf2torch.exporters.pytorch.io.ScriptModule.ModuleAttribute;
import org.tf2torch.exporters.pytorch.io.ScriptModule.TensorAttribute;

/**
 * Writes a TorchScript archive that {@code torch.jit.load} and libtorch load without Python having produced
 * it: {@code data.pkl} (the module tree), {@code constants.pkl} (empty), {@code version}, {@code byteorder},
 * the caller's class source under {@code code/}, and one raw {@code data/<key>} record per tensor storage.
 */
public final class TorchScriptArchiveWriter {
    public static final String DEFAULT_PREFIX = "archive";
    /** {@code pickle.dumps(())}: no tensor constants in the code. */
    private static final byte[] EMPTY_CONSTANTS = {(byte) 0x80, 0x02, 0x29, 0x2e};

    private TorchScriptArchiveWriter() {}

    /**
     * @param root the top module; its class and every child's must be defined in {@code code}
     * @param code archive path (e.g. {@code code/__torch__/model.py}, see {@link ScriptModule#codePath()}) →
     *     TorchScript source, written in the map's order
     */
    public static void write(Path file, ScriptModule root, Map<String, String> code) throws IOException {
        try (ZipArchiveWriter zip = new ZipArchiveWriter(file, DEFAULT_PREFIX)) {
            write(zip, root, code);
        }
    }

    static void write(ZipArchiveWriter zip, ScriptModule root, Map<String, String> code) throws IOException {
        for (String path : code.keySet()) {
            if (!path.startsWith("code/") || !path.endsWith(".py") || path.contains("//")
                    || path.contains("..") || path.contains("\\")) {
                throw new IllegalArgumentException("source path must be code/<...>.py, got '" + path + "'");
            }
        }
        StorageRecords storages = new StorageRecords();
        PickleWriter p = new PickleWriter();
        pickleModule(p, root, storages, code, Collections.newSetFromMap(new IdentityHashMap<>()));
        p.stop();
        zip.putBytes("data.pkl", p.toByteArray());
        zip.putBytes("constants.pkl", EMPTY_CONSTANTS);
        StorageRecords.writeFormatRecords(zip);
        for (Map.Entry<String, String> e : code.entrySet()) {
            zip.putBytes(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
        }
        storages.writeStorages(zip);
    }

    /** The object is created bare (NEWOBJ with no args), then BUILD fills its slots from a name → value dict. */
    private static void pickleModule(PickleWriter p, ScriptModule m, StorageRecords storages,
            Map<String, String> code, Set<ScriptModule> path) {
        if (!code.containsKey(m.codePath())) {
            // Fail here rather than with libtorch's "Unknown type name" at load time.
            throw new IllegalArgumentException("no source " + m.codePath() + " for class " + m.qualifiedName());
        }
        if (!path.add(m)) throw new IllegalArgumentException("module " + m.qualifiedName() + " contains itself");
        String qn = m.qualifiedName();
        int dot = qn.lastIndexOf('.');
        p.global(qn.substring(0, dot), qn.substring(dot + 1)).emptyTuple().newObj();
        p.emptyDict();
        if (!m.attributes().isEmpty()) {
            p.mark();
            for (Attribute a : m.attributes()) {
                p.string(a.name());
                if (a instanceof TensorAttribute t) {
                    storages.pickleTensor(p, t.tensor().tensor(), t.parameter());
                } else if (a instanceof BoolAttribute b) {
                    p.bool(b.value());
                } else if (a instanceof IntAttribute i) {
                    p.integer(i.value());
                } else if (a instanceof FloatAttribute f) {
                    p.floating(f.value());
                } else if (a instanceof ModuleAttribute c) {
                    pickleModule(p, c.module(), storages, code, path);
                }
            }
            p.setItems();
        }
        p.build();
        path.remove(m);
    }
}
