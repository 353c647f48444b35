package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.cli.zoo.CaseResult;
import org.tf2torch.cli.zoo.ZooCase;
import org.tf2torch.cli.zoo.ZooReports;
import org.tf2torch.cli.zoo.ZooRunner;
import org.tf2torch.validation.ValidationOptions;

/**
 * The TF op conformance suite: every case of ../shared/corpus/tf-ops is converted and checked against the
 * values TensorFlow computed. The known-failures file lists each case that does not pass, with a reason; the
 * test fails when an unlisted case fails and when a listed case passes, so the list only shrinks.
 * {@code -Dtf2torch.updateConformance=true} rewrites the list and docs/conformance.md from this run.
 */
class ConformanceTest {
    static final Path KNOWN = Paths.get("src", "test", "resources", "conformance", "known-failures.tsv");
    static final Path DOC = Paths.get("..", "docs", "conformance.md");

    @TempDir
    Path tmp;

    @Test
    void corpusMatchesTensorFlowExceptKnownFailures() throws IOException {
        Path corpus = Corpus.root().resolve("tf-ops");
        List<ZooCase> cases = ZooCase.find(corpus);
        ValidationOptions base = ValidationOptions.defaults();
        ValidationOptions vo = new ValidationOptions(base.inputs(), 1, null, null, base.tolerances(), "none", "cpu",
                false, 0, 1, 1, null);
        List<CaseResult> results = new ZooRunner(tmp, vo, 60).runAll(cases, r -> { });
        Map<String, String> failing = new TreeMap<>();
        for (CaseResult r : results) if (r.status() != CaseResult.Status.PASS) failing.put(r.id(), reason(r));
        if (Boolean.getBoolean("tf2torch.updateConformance")) {
            write(failing);
            Files.writeString(DOC, ZooReports.conformance(results), StandardCharsets.UTF_8);
            return;
        }
        Map<String, String> known = read();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> f : failing.entrySet()) {
            if (!known.containsKey(f.getKey())) problems.add("newly failing: " + f.getKey() + "  (" + f.getValue() + ")");
        }
        for (String k : known.keySet()) {
            if (!failing.containsKey(k)) problems.add("now passing, remove it from known-failures.tsv: " + k);
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " conformance changes (rerun with -Dtf2torch.updateConformance=true to accept):\n  "
                    + String.join("\n  ", problems));
        }
        assertTrue(results.size() > 1000, "expected the whole corpus, found " + results.size() + " cases");
    }

    static String reason(CaseResult r) {
        if (r.status() == CaseResult.Status.UNSUPPORTED) return "unsupported: " + String.join(", ", r.unsupportedOps());
        return r.status().label() + ": " + ZooReports.stem(r.message());
    }

    private static Map<String, String> read() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        if (!Files.exists(KNOWN)) return m;
        for (String line : Files.readAllLines(KNOWN, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int tab = line.indexOf('\t');
            m.put(tab < 0 ? line.trim() : line.substring(0, tab), tab < 0 ? "" : line.substring(tab + 1));
        }
        return m;
    }

    private static void write(Map<String, String> failing) throws IOException {
        StringBuilder sb = new StringBuilder("# Corpus cases (../shared/corpus/tf-ops) that do not pass yet: case id <TAB> reason.\n"
                + "# Maintained by ConformanceTest: a case that starts passing must be removed, a new failure added.\n");
        failing.forEach((k, v) -> sb.append(k).append('\t').append(v.replace('\t', ' ').replace('\n', ' ')).append('\n'));
        Files.createDirectories(KNOWN.getParent());
        Files.writeString(KNOWN, sb.toString(), StandardCharsets.UTF_8);
    }
}
