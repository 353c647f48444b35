package org.tf2torch.cli.zoo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tf2torch.importers.savedmodel.SavedModelLoader;

/**
 * One model of a zoo: a folder with {@code case.json} (model plus TF's reference values), a SavedModel folder,
 * or a frozen {@code .pb}. The id is its path relative to the zoo root (or the manifest's {@code id}).
 */
public record ZooCase(String id, Path model, Path caseJson, CaseSpec spec) {
    public ZooCase {
        if (spec == null) spec = CaseSpec.NONE;
    }

    public ZooCase(String id, Path model, Path caseJson) {
        this(id, model, caseJson, CaseSpec.NONE);
    }

    /** Every case under {@code root}, sorted by id; a case folder's own files are not searched further. */
    public static List<ZooCase> find(Path root) throws IOException {
        List<ZooCase> out = new ArrayList<>();
        if (Files.isRegularFile(root)) {
            out.add(new ZooCase(root.getFileName().toString(), root, null));
            return out;
        }
        walk(root, root, out);
        out.sort(Comparator.comparing(ZooCase::id));
        return out;
    }

    private static void walk(Path root, Path dir, List<ZooCase> out) throws IOException {
        String id = root.relativize(dir).toString().replace('\\', '/');
        if (id.isEmpty()) id = dir.getFileName() == null ? "." : dir.getFileName().toString();
        if (Files.isRegularFile(dir.resolve("case.json"))) {
            out.add(new ZooCase(id, null, dir.resolve("case.json")));
            return;
        }
        if (SavedModelLoader.isSavedModelDir(dir)) {
            out.add(new ZooCase(id, dir, null));
            return;
        }
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted().toList();
        }
        for (Path c : children) {
            if (Files.isDirectory(c)) walk(root, c, out);
            else if (c.getFileName().toString().endsWith(".pb")) {
                out.add(new ZooCase(root.relativize(c).toString().replace('\\', '/'), c, null));
            }
        }
    }

    /** The folder or file whose bytes make up this case (hashed for resume). */
    public Path content() { return caseJson != null ? caseJson.getParent() : model; }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("model", model == null ? null : model.toAbsolutePath().toString());
        m.put("case_json", caseJson == null ? null : caseJson.toAbsolutePath().toString());
        m.put("spec", spec.toMap());
        return m;
    }

    public static ZooCase fromMap(Map<?, ?> m) {
        String model = (String) m.get("model");
        String cj = (String) m.get("case_json");
        return new ZooCase((String) m.get("id"), model == null ? null : Paths.get(model),
                cj == null ? null : Paths.get(cj), CaseSpec.fromMap((Map<?, ?>) m.get("spec")));
    }
}
