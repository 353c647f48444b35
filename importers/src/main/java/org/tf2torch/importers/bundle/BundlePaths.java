package org.tf2torch.importers.bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tf2torch.importers.ImportException;

/**
 * Finds {@code variables.index} from the several paths a user may reasonably give, and the prefix the shard
 * names derive from. TensorFlow names files from a prefix ({@code .../variables/variables}), while users
 * point at folders, so both are accepted.
 */
final class BundlePaths {
    static final String INDEX_SUFFIX = ".index";

    private BundlePaths() {}

    static Path indexFile(Path path) {
        if (Files.isDirectory(path)) {
            Path inVariables = path.resolve("variables.index");
            if (Files.exists(inVariables)) return inVariables;
            Path inSavedModel = path.resolve("variables").resolve("variables.index");
            if (Files.exists(inSavedModel)) return inSavedModel;
            boolean savedModelDir = Files.isDirectory(path.resolve("variables"))
                    || Files.exists(path.resolve("saved_model.pb"));
            Path expected = savedModelDir ? inSavedModel : inVariables;
            throw new ImportException(expected + " is missing: a SavedModel keeps its weights in "
                    + "variables/variables.index plus variables.data-* files; copy the whole SavedModel folder");
        }
        if (path.toString().endsWith(INDEX_SUFFIX) && Files.exists(path)) return path;
        Path withSuffix = Path.of(path + INDEX_SUFFIX);
        if (Files.exists(withSuffix)) return withSuffix;
        throw new ImportException((path.toString().endsWith(INDEX_SUFFIX) ? path : withSuffix) + " is missing: "
                + "give the SavedModel folder, its variables folder, or the variables.index file");
    }

    static String prefixOf(Path index) {
        String s = index.toString();
        return s.substring(0, s.length() - INDEX_SUFFIX.length());
    }
}
