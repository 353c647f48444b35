package org.tf2torch.cli.zoo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** One {@code models} entry of a manifest, checked field by field into a {@link ZooCase}. */
final class ManifestEntry {
    private static final Set<String> FORMATS = Set.of("savedmodel", "graphdef", "case");
    private final ZooManifest m;
    private final String where;
    private final Node node;
    private final Map<String, Node> fields;

    ManifestEntry(ZooManifest m, String where, Node node, Map<String, Node> fields) {
        this.m = m;
        this.where = where;
        this.node = node;
        this.fields = fields;
    }

    ZooCase toCase() {
        Node pathNode = fields.get("path");
        if (pathNode == null) throw m.error(node, where + ".path", "is missing: each model needs a path");
        String rel = m.scalar(pathNode, where + ".path");
        Path p = m.resolve(rel);
        if (!Files.exists(p)) throw m.error(pathNode, where + ".path", "'" + rel + "' does not exist (looked at " + p + ")");
        String format = str("format");
        if (format != null && !FORMATS.contains(format)) {
            throw m.error(fields.get("format"), where + ".format", "must be savedmodel, graphdef or case, not '" + format + "'");
        }
        String found = Files.isRegularFile(p.resolve("case.json")) ? "case"
                : ZooManifest.isSavedModel(p) ? "savedmodel" : Files.isRegularFile(p) ? "graphdef" : null;
        if (found == null) {
            throw m.error(pathNode, where + ".path", "'" + rel + "' is neither a SavedModel folder, a .pb file nor a "
                    + "folder with case.json");
        }
        if (format != null && !format.equals(found) && !(format.equals("savedmodel") && found.equals("case")
                && ZooManifest.isSavedModel(p))) {
            throw m.error(fields.get("format"), where + ".format", "says " + format + " but '" + rel + "' is a " + found);
        }
        String id = str("id");
        if (id == null) id = rel.replace('\\', '/').replaceAll("/+$", "");
        if (id.isBlank()) throw m.error(node, where + ".id", "must not be empty");
        Double rtol = null;
        Double atol = null;
        if (fields.containsKey("tolerances")) {
            Map<String, Node> t = m.mapping(fields.get("tolerances"), where + ".tolerances", Set.of("rtol", "atol"));
            rtol = t.containsKey("rtol") ? number(t.get("rtol"), where + ".tolerances.rtol") : null;
            atol = t.containsKey("atol") ? number(t.get("atol"), where + ".tolerances.atol") : null;
        }
        CaseResult.Status expect = null;
        if (fields.containsKey("expect")) {
            try {
                expect = CaseResult.Status.parse(str("expect"));
            } catch (IllegalArgumentException e) {
                throw m.error(fields.get("expect"), where + ".expect", e.getMessage());
            }
        }
        CaseSpec spec = new CaseSpec(format, str("tag"), str("signature"), dims(), rtol, atol, expect,
                list("tags"), list("inputs"), list("outputs"));
        boolean isCase = found.equals("case");
        return new ZooCase(id, isCase ? null : p, isCase ? p.resolve("case.json") : null, spec);
    }

    private String str(String key) {
        Node n = fields.get(key);
        return n == null ? null : m.scalar(n, where + "." + key);
    }

    private double number(Node n, String field) {
        String s = m.scalar(n, field);
        try {
            double d = Double.parseDouble(s);
            if (d >= 0 && !Double.isInfinite(d)) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw m.error(n, field, "must be a number >= 0, got '" + s + "'");
    }

    private Map<String, Long> dims() {
        Map<String, Long> out = new LinkedHashMap<>();
        if (!fields.containsKey("dims")) return out;
        Node d = fields.get("dims");
        if (!(d instanceof org.yaml.snakeyaml.nodes.MappingNode mn)) {
            throw m.error(d, where + ".dims", "must map dimension names to sizes, e.g. {batch: 2}");
        }
        for (var t : mn.getValue()) {
            String name = m.scalar(t.getKeyNode(), where + ".dims");
            String v = m.scalar(t.getValueNode(), where + ".dims." + name);
            try {
                long size = Long.parseLong(v);
                if (size >= 0) {
                    out.put(name, size);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw m.error(t.getValueNode(), where + ".dims." + name, "must be a size >= 0, got '" + v + "'");
        }
        return out;
    }

    private List<String> list(String key) {
        List<String> out = new ArrayList<>();
        Node n = fields.get(key);
        if (n == null) return out;
        if (!(n instanceof SequenceNode s)) {
            out.add(m.scalar(n, where + "." + key));
            return out;
        }
        for (int i = 0; i < s.getValue().size(); i++) out.add(m.scalar(s.getValue().get(i), where + "." + key + "[" + i + "]"));
        return out;
    }
}
