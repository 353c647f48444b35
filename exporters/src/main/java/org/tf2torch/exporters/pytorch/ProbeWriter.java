package org.tf2torch.exporters.pytorch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Value;
import org.tf2torch.ir.json.Json;

/**
 * Writes {@code probes.json}: for each local of model.py's {@code forward} that holds an IR node's result, the IR
 * value, its op, type and the TF node it came from. Validation uses it to compare intermediate values with
 * TensorFlow's and name the first node that diverges; model.py itself stays free of such bookkeeping.
 *
 * <p>The local of a node is found in the written lines rather than by asking the forward writer, so that the writer
 * keeps no state for this: a result line is the first later line that assigns the value's identifier (or that
 * identifier with the counter suffix {@link NameScope} adds) and ends with the node's provenance comment. A node
 * whose line is not found is left out; a missing probe only makes localization coarser.
 */
final class ProbeWriter {
    static final String FILE = "probes.json";
    static final int SCHEMA_VERSION = 1;

    private ProbeWriter() {}

    static void write(ModulePlan plan, ForwardWriter.Body eager, Path outDir) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema_version", (long) SCHEMA_VERSION);
        root.put("probes", probes(plan, eager.lines()));
        Files.writeString(outDir.resolve(FILE), Json.write(root), StandardCharsets.UTF_8);
    }

    static List<Map<String, Object>> probes(ModulePlan plan, List<String> lines) {
        List<Map<String, Object>> out = new ArrayList<>();
        int cursor = 0;
        for (Node n : plan.liveNodes()) {
            if (plan.isAbsorbed(n)) continue;
            switch (n.op()) {
                case PARAM: case CONSTANT: case IDENTITY: continue;
                default: break;
            }
            if (n.outputs().size() != 1) continue;
            int at = find(lines, cursor, n);
            if (at < 0) continue;
            cursor = at + 1;
            String line = lines.get(at);
            out.add(entry(line.substring(0, line.indexOf(" = ")), n));
        }
        return out;
    }

    private static int find(List<String> lines, int from, Node n) {
        String base = PyNames.identifier(n.output().name());
        if (PyNames.isReservedLocal(base)) base = base + "_";
        String stem = base.endsWith("_") ? base : base + "_";
        String tail = n.source().node().isEmpty() ? null : "  # tf " + PyStrings.quotedComment(n.source().node());
        for (int i = from; i < lines.size(); i++) {
            String l = lines.get(i);
            int eq = l.indexOf(" = ");
            if (eq < 0 || (tail != null && !l.endsWith(tail))) continue;
            String name = l.substring(0, eq);
            if (name.equals(base) || name.startsWith(stem) && isDigits(name.substring(stem.length()))) return i;
        }
        return -1;
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private static Map<String, Object> entry(String local, Node n) {
        Value v = n.output();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("local", local);
        m.put("value", v.name());
        m.put("ir_op", n.op().textName());
        m.put("tf_node", n.source().node());
        m.put("tf_op", n.source().op());
        m.put("tf_function", n.source().function());
        m.put("dtype", v.dtype().numpyName());
        m.put("shape", shape(v.shape()));
        return m;
    }

    private static List<Object> shape(Shape s) {
        if (!s.hasRank()) return null;
        List<Object> dims = new ArrayList<>();
        for (Dim d : s.dims()) dims.add(d.isStatic() ? (Object) d.size() : d.isSymbolic() ? d.symbolName() : null);
        return dims;
    }
}
