package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.ir.json.Json;
import org.w3c.dom.Document;

/** {@code tf2torch zoo} writes summary.json (schema-versioned), summary.md and junit.xml of the documented shape. */
class ZooCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheThreeSummaries() throws Exception {
        Path out = tmp.resolve("zoo");
        CliRunner.Result r = CliRunner.run("zoo", Corpus.root().resolve("tf-ops").toString(), "-o", out.toString(),
                "--filter", "abs/");
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> s = Json.parseObject(Files.readString(out.resolve("summary.json"), StandardCharsets.UTF_8));
        assertEquals(1L, s.get("schema_version"));
        Map<?, ?> totals = (Map<?, ?>) s.get("totals");
        assertEquals(Set.of("pass", "mismatch", "unsupported", "error"), totals.keySet());
        List<?> cases = (List<?>) s.get("cases");
        long sum = totals.values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
        assertEquals(cases.size(), sum);
        assertTrue(cases.size() >= 5, "abs/ has several cases");
        for (Object o : cases) {
            Map<?, ?> c = (Map<?, ?>) o;
            assertTrue(c.keySet().containsAll(Set.of("id", "status", "max_abs_err", "unsupported_ops", "message", "seconds"))
                    && c.keySet().containsAll(Set.of("params", "speed_ratio", "report")), c.keySet().toString());
            assertTrue(Set.of("pass", "mismatch", "unsupported", "error").contains(c.get("status")));
            assertTrue(((String) c.get("id")).startsWith("abs/"));
        }
        assertTrue(((Number) totals.get("pass")).longValue() > 0, "abs cases pass");
        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("junit.xml").toFile());
        assertEquals(cases.size(), junit.getElementsByTagName("testcase").getLength());
        String md = Files.readString(out.resolve("summary.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("| status | cases |") && md.contains("| pass |"), md);
    }

    @Test
    void missingFolderIsAUsageError() {
        CliRunner.Result r = CliRunner.run("zoo", tmp.resolve("nope").toString(), "-o", tmp.resolve("o").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("does not exist"), r.err());
    }
}
