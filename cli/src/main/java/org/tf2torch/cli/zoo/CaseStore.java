package org.tf2torch.cli.zoo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tf2torch.ir.json.Json;

/**
 * The finished cases of a run, one folder each under {@code OUT/cases}: the conversion's files, a report and
 * {@code result.json}. A case is built in a hidden {@code .NAME.partial-*} sibling and renamed into place in one
 * step, so a folder with a visible name is always complete, whatever moment the run was killed at; hidden
 * leftovers are deleted by the next run. {@code result.json} holds the resume key, so a changed model, option or
 * tool version makes the record stale.
 */
public final class CaseStore {
    public static final String RESULT = "result.json";
    public static final String REPORT = "report.html";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private final Path cases;

    public CaseStore(Path outRoot) {
        this.cases = outRoot.toAbsolutePath().resolve("cases");
    }

    public Path dir() { return cases; }

    /** The folder name of a case id: a file name on every OS, unique enough for corpus paths. */
    public static String folderFor(String id) {
        String s = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }

    /** A fresh hidden folder to build a case in; it becomes visible only through {@link #commit}. */
    public Path stage(String folder) {
        try {
            Files.createDirectories(cases);
            // Not createTempDirectory: its owner-only mode would stick to the finished, shared folder.
            for (;;) {
                Path p = cases.resolve("." + folder + ".partial-" + Long.toHexString(RANDOM.nextLong() >>> 16));
                try {
                    return Files.createDirectory(p);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // try another name
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder under " + cases, e);
        }
    }

    /** The recorded result of {@code folder} when it was made with {@code key}; null when missing or stale. */
    public CaseResult done(String folder, String key) {
        Path f = cases.resolve(folder).resolve(RESULT);
        if (!Files.isRegularFile(f)) return null;
        try {
            Map<String, Object> m = Json.parseObject(Files.readString(f, StandardCharsets.UTF_8));
            if (!key.equals(m.get("key"))) return null;
            return CaseResult.fromMap((Map<?, ?>) m.get("result"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Writes the result into {@code staging} and moves it to {@code cases/folder}, replacing an older record.
     * Returns the result as recorded (as a later run reads it back), so fresh and resumed runs report alike.
     */
    public CaseResult commit(Path staging, String folder, String key, CaseResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("result", r.toMap());
        String json = Json.write(m);
        try {
            Files.writeString(staging.resolve(RESULT), json, StandardCharsets.UTF_8);
            install(staging, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record case " + r.id() + " in " + cases.resolve(folder), e);
        }
        return CaseResult.fromMap((Map<?, ?>) ((Map<?, ?>) Json.parseObject(json)).get("result"));
    }

    /** Moves a finished staging folder to {@code cases/folder}; an older one goes only after the new one is in. */
    public void install(Path staging, String folder) throws IOException {
        Path target = cases.resolve(folder);
        Path old = null;
        if (Files.exists(target)) {
            old = cases.resolve("." + folder + ".old-" + System.nanoTime());
            move(target, old);
        }
        move(staging, target);
        if (old != null) deleteTree(old);
    }

    /** Records a result with no outputs (a crashed or timed-out case), with a one-page report. */
    public CaseResult record(String folder, String key, CaseResult r) {
        Path staging = stage(folder);
        try {
            Files.writeString(staging.resolve(REPORT), CaseReport.failure(r), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return commit(staging, folder, key, r.withReport(link(folder)));
    }

    public static String link(String folder) { return "cases/" + folder + "/" + REPORT; }

    /** Removes what killed runs left half-built; they were never visible under a case's name. */
    public void cleanLeftovers() throws IOException {
        if (!Files.isDirectory(cases)) return;
        List<Path> hidden;
        try (Stream<Path> s = Files.list(cases)) {
            hidden = s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
        for (Path p : hidden) deleteTree(p);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename " + from + " atomically", e);
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        } catch (IOException e) {
            // Best effort: what stays is hidden and removed by the next run.
        }
    }
}
