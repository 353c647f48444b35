package org.tf2torch.cli.zoo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Combines the output folders of shards (or of any runs over disjoint cases) into one: the case folders are
 * linked (copied across file systems) into {@code OUT/cases} and the summaries rewritten over all cases. A case
 * found in two inputs is an error, since two shards of one split never share a case.
 */
public final class ZooMerge {
    /** What was merged, and the problems a user should see (missing shards, different roots). */
    public record Merged(String root, List<CaseResult> cases, List<String> warnings) {}

    private ZooMerge() {}

    public static Merged merge(List<Path> inputs, Path out) throws IOException {
        Map<String, CaseResult> byId = new TreeMap<>();
        Map<String, Path> from = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        TreeSet<String> roots = new TreeSet<>();
        Map<Integer, TreeSet<Integer>> shards = new TreeMap<>();
        for (Path in : inputs) {
            Path summary = in.resolve("summary.json");
            if (!Files.isRegularFile(summary)) {
                throw new IllegalArgumentException(in + " has no summary.json; is it the -o folder of a finished zoo run?");
            }
            ZooReports.Summary s = ZooReports.read(summary);
            roots.add(s.root());
            shards.computeIfAbsent(s.shard().count(), k -> new TreeSet<>()).add(s.shard().index());
            for (CaseResult r : s.cases()) {
                Path prev = from.put(r.id(), in);
                if (prev != null) {
                    throw new IllegalArgumentException("case " + r.id() + " is in both " + prev + " and " + in);
                }
                byId.put(r.id(), r);
            }
        }
        if (roots.size() > 1) warnings.add("the inputs ran over different roots: " + String.join(", ", roots));
        shards.forEach((count, seen) -> {
            if (count > 1 && seen.size() < count) {
                List<Integer> missing = new ArrayList<>();
                for (int i = 0; i < count; i++) if (!seen.contains(i)) missing.add(i);
                warnings.add("shards " + missing + " of " + count + " are missing; the merge covers part of the zoo");
            }
        });
        CaseStore store = new CaseStore(out);
        Files.createDirectories(store.dir());
        for (CaseResult r : byId.values()) {
            if (r.report() == null) continue;
            Path src = from.get(r.id()).resolve(r.report()).getParent();
            String folder = src.getFileName().toString();
            if (Files.isDirectory(src)) {
                Path staging = store.stage(folder);
                linkTree(src, staging);
                store.install(staging, folder);
            }
        }
        List<CaseResult> cases = new ArrayList<>(byId.values());
        String root = roots.isEmpty() ? "" : roots.first();
        ZooReports.writeAll(out, root, cases, Shard.ALL);
        return new Merged(root, cases, warnings);
    }

    /** Hard links where the file system allows (no bytes copied), else copies. */
    private static void linkTree(Path src, Path dst) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(src)) {
            all = s.sorted(Comparator.naturalOrder()).toList();
        }
        for (Path p : all) {
            Path t = dst.resolve(src.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(t);
                continue;
            }
            try {
                Files.createLink(t, p);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(p, t);
            }
        }
    }
}
