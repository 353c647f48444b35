package org.tf2torch.cli.zoo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tf2torch.importers.savedmodel.SavedModelLoader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A zoo manifest (YAML), read through SnakeYAML's node tree so every error can name its line and field, and so no
 * object is ever built from a YAML tag. Schema (docs/zoo.md): {@code version: 1}, optional {@code defaults} with
 * any per-model field but {@code path} and {@code id}, and {@code models}, a list of entries with {@code path}
 * (relative to the manifest) and optional id, format, tag, signature, dims, tolerances, expect, tags, inputs,
 * outputs. Unknown keys are errors, since a misspelt {@code expect} would otherwise pass unnoticed.
 */
public final class ZooManifest {
    private static final Set<String> TOP = Set.of("version", "defaults", "models");
    private static final Set<String> ENTRY = Set.of("id", "path", "format", "tag", "signature", "dims",
            "tolerances", "expect", "tags", "inputs", "outputs");
    private final String file;
    private final Path base;

    private ZooManifest(Path manifest) {
        this.file = manifest.toString();
        this.base = manifest.toAbsolutePath().getParent();
    }

    public static boolean isManifest(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
    }

    /** The manifest's cases, sorted by id. */
    public static List<ZooCase> read(Path manifest) throws IOException {
        Node root;
        try (Reader r = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(r);
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ManifestException(manifest + ":" + line + ": not valid YAML: " + e.getProblem());
        }
        return new ZooManifest(manifest).cases(root);
    }

    private List<ZooCase> cases(Node root) {
        if (root == null) throw error(null, "manifest", "the file is empty; it needs a 'models' list");
        Map<String, Node> top = mapping(root, "manifest", TOP);
        Node version = top.get("version");
        if (version != null && !"1".equals(scalar(version, "version"))) {
            throw error(version, "version", "only version 1 is known, got '" + scalar(version, "version") + "'");
        }
        Map<String, Node> defaults = top.containsKey("defaults")
                ? mapping(top.get("defaults"), "defaults", ENTRY) : Map.of();
        for (String k : List.of("path", "id")) {
            if (defaults.containsKey(k)) throw error(defaults.get(k), "defaults." + k, "cannot have a default");
        }
        Node models = top.get("models");
        if (models == null) throw error(root, "models", "is missing: list the models under 'models:'");
        if (!(models instanceof SequenceNode seq)) throw error(models, "models", "must be a list");
        List<ZooCase> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            String where = "models[" + i + "]";
            Node n = seq.getValue().get(i);
            Map<String, Node> entry = new LinkedHashMap<>(defaults);
            entry.putAll(mapping(n, where, ENTRY));
            ZooCase c = new ManifestEntry(this, where, n, entry).toCase();
            if (!ids.add(c.id())) throw error(n, where + ".id", "'" + c.id() + "' is used by an earlier model");
            out.add(c);
        }
        out.sort(Comparator.comparing(ZooCase::id));
        return out;
    }

    Path resolve(String path) { return base.resolve(path).normalize(); }

    static boolean isSavedModel(Path p) { return SavedModelLoader.isSavedModelDir(p); }

    Map<String, Node> mapping(Node n, String where, Set<String> allowed) {
        if (!(n instanceof MappingNode m)) throw error(n, where, "must be a mapping of keys to values");
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String k = scalar(t.getKeyNode(), where);
            if (!allowed.contains(k)) {
                throw error(t.getKeyNode(), where + "." + k, "is not a known field (known: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            if (out.put(k, t.getValueNode()) != null) throw error(t.getKeyNode(), where + "." + k, "is given twice");
        }
        return out;
    }

    String scalar(Node n, String where) {
        if (!(n instanceof ScalarNode s)) throw error(n, where, "must be a single value, not a list or mapping");
        return s.getValue();
    }

    ManifestException error(Node n, String field, String problem) {
        String line = n == null ? "" : ":" + (n.getStartMark().getLine() + 1);
        return new ManifestException(file + line + ": " + field + " " + problem);
    }
}
