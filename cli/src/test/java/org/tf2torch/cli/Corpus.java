package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/** Where the shared corpus is; absent means skip, except under CI where it must be there. */
final class Corpus {
    private Corpus() {}

    static Path root() {
        String prop = System.getProperty("tf2torch.corpus", System.getenv("TF2TORCH_CORPUS"));
        Path p = prop != null ? Paths.get(prop) : Paths.get("..", "..", "shared", "corpus");
        if (!Files.isDirectory(p)) p = Paths.get("..", "shared", "corpus");
        if (!Files.isDirectory(p)) {
            if ("true".equals(System.getenv("CI"))) fail("corpus not found at " + p.toAbsolutePath() + " (CI=true)");
            Assumptions.abort("SKIPPED: corpus not found at " + p.toAbsolutePath());
        }
        return p;
    }

    static Path savedModel(String name) { return root().resolve("savedmodels").resolve(name); }

    /** /usr/bin/python3 with torch, or skip (fail under CI). */
    static String python() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch, numpy").redirectErrorStream(true).start();
            if (p.waitFor() == 0) return "/usr/bin/python3";
        } catch (Exception e) {
            // fall through
        }
        if ("true".equals(System.getenv("CI"))) fail("/usr/bin/python3 with torch is required under CI");
        Assumptions.abort("SKIPPED: /usr/bin/python3 with torch not available");
        return null;
    }
}
