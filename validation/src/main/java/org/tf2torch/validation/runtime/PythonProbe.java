package org.tf2torch.validation.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Python interpreter that can import torch and numpy. Answers are cached per executable for the life of
 * the JVM, since {@code import torch} alone takes over a second.
 */
public final class PythonProbe {
    /** Debian's python3-torch installs for this interpreter only; the {@code python3} on PATH may be another one. */
    public static final String DEBIAN_PYTHON = "/usr/bin/python3";
    private static final String PROBE = "import sys, numpy, torch; print(sys.version.split()[0]); "
            + "print(torch.__version__); print(numpy.__version__)";
    private static final Map<String, Result> CACHE = new ConcurrentHashMap<>();

    /** A usable interpreter with the versions it reported. */
    public record PythonInfo(String executable, String pythonVersion, String torchVersion, String numpyVersion) {
        @Override
        public String toString() {
            return executable + " (Python " + pythonVersion + ", torch " + torchVersion + ", numpy " + numpyVersion
                    + ")";
        }
    }

    private record Result(PythonInfo info, String problem) {}

    private PythonProbe() {}

    /**
     * The first candidate with torch: {@code explicit} alone when given, else {@value #DEBIAN_PYTHON}, then
     * {@code python3} on PATH.
     */
    public static Optional<PythonInfo> find(String explicit) {
        for (String c : candidates(explicit)) {
            Result r = probe(c);
            if (r.info != null) return Optional.of(r.info);
        }
        return Optional.empty();
    }

    /** Like {@link #find} but explains, per candidate, why none worked. */
    public static PythonInfo require(String explicit) {
        List<String> problems = new ArrayList<>();
        for (String c : candidates(explicit)) {
            Result r = probe(c);
            if (r.info != null) return r.info;
            problems.add(c + ": " + r.problem);
        }
        throw new RunnerException("no Python with torch and numpy found (tried " + String.join("; ", problems)
                + "); on Debian: apt-get install python3-torch, or pass --python");
    }

    static List<String> candidates(String explicit) {
        List<String> list = new ArrayList<>();
        if (explicit != null && !explicit.isBlank()) {
            list.add(explicit);
            return list;
        }
        list.add(DEBIAN_PYTHON);
        String onPath = onPath("python3");
        if (onPath != null && !isSameFile(onPath, DEBIAN_PYTHON)) list.add(onPath);
        return list;
    }

    private static Result probe(String executable) {
        return CACHE.computeIfAbsent(executable, PythonProbe::run);
    }

    private static Result run(String executable) {
        if (executable.contains(File.separator) && !Files.isExecutable(Path.of(executable))) {
            return new Result(null, "not an executable file");
        }
        Path out = null;
        try {
            out = Files.createTempFile("tf2torch-probe", ".txt");
            Process p = new ProcessBuilder(executable, "-c", PROBE).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(null, "timed out importing torch");
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0 || lines.size() < 3) {
                String last = lines.isEmpty() ? "exit " + p.exitValue() : lines.get(lines.size() - 1).trim();
                return new Result(null, last);
            }
            int n = lines.size();
            return new Result(new PythonInfo(executable, lines.get(n - 3).trim(), lines.get(n - 2).trim(),
                    lines.get(n - 1).trim()), null);
        } catch (IOException e) {
            return new Result(null, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted");
        } finally {
            if (out != null) out.toFile().delete();
        }
    }

    private static String onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    private static boolean isSameFile(String a, String b) {
        try {
            return Files.isSameFile(Path.of(a), Path.of(b));
        } catch (IOException e) {
            return false;
        }
    }
}
