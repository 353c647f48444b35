package org.tf2torch.cli.zoo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.tf2torch.importers.savedmodel.SavedModelLoader;

/**
 * One model of a zoo: a folder with {@code case.json} (model plus TF's reference values), a SavedModel folder,
 * or a frozen {@code .pb}. The id is its path relative to the zoo root.
 */
public record ZooCase(String id, Path model, Path caseJson) {
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
}
