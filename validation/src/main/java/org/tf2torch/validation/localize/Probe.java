package org.tf2torch.validation.localize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.json.Json;

/**
 * One entry of a conversion's {@code probes.json}: a local of model.py's forward, the IR value it holds and the TF
 * node that value was translated from.
 *
 * @param local      the Python local name in {@code forward}
 * @param value      the IR value name (derived from a TF node name, so it may name a fused node's last TF node)
 * @param irOp       the IR op's text name ({@code conv})
 * @param tfNode     the TF node the IR node came from; empty when none
 * @param tfFunction the library function the TF node sat in; empty for the top-level graph
 */
public record Probe(String local, String value, String irOp, String tfNode, String tfOp, String tfFunction) {
    public static final String FILE = "probes.json";

    /** The probes of a conversion folder in forward order; empty when the folder has no probes.json. */
    public static List<Probe> read(Path conversionDir) throws IOException {
        Path f = conversionDir.resolve(FILE);
        List<Probe> out = new ArrayList<>();
        if (!Files.isRegularFile(f)) return out;
        Map<String, Object> root;
        try {
            root = Json.parseObject(Files.readString(f, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(f + " is not valid JSON: " + e.getMessage(), e);
        }
        for (Object o : (List<?>) root.getOrDefault("probes", List.of())) {
            Map<?, ?> m = (Map<?, ?>) o;
            out.add(new Probe(str(m, "local"), str(m, "value"), str(m, "ir_op"), str(m, "tf_node"), str(m, "tf_op"),
                    str(m, "tf_function")));
        }
        return out;
    }

    private static String str(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : v.toString();
    }

    public boolean inFunction() { return !tfFunction.isEmpty(); }
}
