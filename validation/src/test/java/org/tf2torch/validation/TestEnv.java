package org.tf2torch.validation;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.tf2torch.validation.runtime.PythonProbe;
import org.tf2torch.validation.runtime.PythonRunner;

/**
 * Where tests find what lies outside the repository: the shared corpus and a Python with torch. Absent, a test is
 * skipped with a message saying what is missing, except under CI ({@code CI=true}), where absence is a failure.
 */
public final class TestEnv {
    private TestEnv() {}

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** {@code -Dtf2torch.corpus}, else {@code TF2TORCH_CORPUS}, else {@code ../shared/corpus} above the module. */
    public static Path corpus() {
        String prop = System.getProperty("tf2torch.corpus");
        String env = System.getenv("TF2TORCH_CORPUS");
        for (String s : new String[] {prop, env}) {
            if (s != null && !s.isBlank() && Files.isDirectory(Path.of(s))) {
                return Path.of(s).toAbsolutePath().normalize();
            }
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("../shared/corpus").normalize();
            if (Files.isDirectory(c.resolve("tf-ops"))) return c;
        }
        return missing("corpus not found (tf2torch.corpus=" + prop + ", TF2TORCH_CORPUS=" + env
                + ", no ../shared/corpus above " + Path.of("").toAbsolutePath() + ")");
    }

    public static Path corpus(String relative) {
        Path p = corpus().resolve(relative);
        if (!Files.exists(p)) return missing("corpus entry " + p + " is missing");
        return p;
    }

    /** A runner on the Python that has torch, found as production code finds it. */
    public static PythonRunner python() {
        Optional<PythonRunner> r = PythonRunner.find(System.getProperty("tf2torch.python"));
        if (r.isEmpty()) {
            try {
                PythonProbe.require(System.getProperty("tf2torch.python"));
            } catch (RuntimeException e) {
                return missing(e.getMessage());
            }
        }
        return r.get();
    }

    private static <T> T missing(String what) {
        if (isCi()) fail("CI=true and " + what);
        abort("skipped: " + what);
        return null;
    }
}
