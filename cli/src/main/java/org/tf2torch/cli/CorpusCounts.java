package org.tf2torch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tf2torch.cli.zoo.ZooCase;
import org.tf2torch.importers.ModelSummary;

/** Per TF op, how many conformance cases use it and how many of those pass (are not known failures). */
final class CorpusCounts {
    private CorpusCounts() {}

    static Map<String, int[]> count(Path corpus, Path knownFailures) {
        try {
            Set<String> failing = new HashSet<>();
            if (knownFailures != null) {
                for (String line : Files.readAllLines(knownFailures, StandardCharsets.UTF_8)) {
                    if (line.isBlank() || line.startsWith("#")) continue;
                    int tab = line.indexOf('\t');
                    failing.add(tab < 0 ? line.trim() : line.substring(0, tab));
                }
            }
            Map<String, int[]> counts = new TreeMap<>();
            for (ZooCase c : ZooCase.find(corpus)) {
                if (c.caseJson() == null) continue;
                Path pb = c.caseJson().resolveSibling("model.pb");
                if (!Files.isRegularFile(pb)) continue;
                boolean pass = !failing.contains(c.id());
                for (String op : ModelSummary.opsOf(pb)) {
                    int[] n = counts.computeIfAbsent(op, k -> new int[2]);
                    n[1]++;
                    if (pass) n[0]++;
                }
            }
            return counts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
