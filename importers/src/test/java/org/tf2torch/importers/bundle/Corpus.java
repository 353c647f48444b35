package org.tf2torch.importers.bundle;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the shared real-model corpus: the {@code tf2torch.corpus} system property (set by surefire), else
 * {@code ../shared/corpus} from the project root. Absent corpus skips visibly, or fails under {@code CI=true}.
 */
final class Corpus {
    private Corpus() {}

    static Path root() {
        String prop = System.getProperty("tf2torch.corpus");
        Path dir = prop != null && !prop.isBlank() ? Path.of(prop) : null;
        if (dir == null || !Files.isDirectory(dir)) {
            // Tests run from the module folder; the project root is its parent.
            Path fromModule = Path.of("").toAbsolutePath().getParent().resolveSibling("shared").resolve("corpus");
            dir = Files.isDirectory(fromModule) ? fromModule : dir;
        }
        if (dir == null || !Files.isDirectory(dir)) {
            String message = "tf2torch corpus not found (system property tf2torch.corpus=" + prop
                    + ", nor ../shared/corpus from the project root); skipping corpus tests";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(message);
            System.err.println("SKIPPED: " + message);
            assumeTrue(false, message);
        }
        return dir;
    }

    /** Every {@code savedmodels/<case>/variables} folder that holds an index. */
    static List<Path> variablesDirs() {
        Path saved = root().resolve("savedmodels");
        try (Stream<Path> cases = Files.list(saved)) {
            return cases.map(c -> c.resolve("variables"))
                    .filter(v -> Files.exists(v.resolve("variables.index")))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path variablesDir(String caseName) {
        return root().resolve("savedmodels").resolve(caseName).resolve("variables");
    }
}
