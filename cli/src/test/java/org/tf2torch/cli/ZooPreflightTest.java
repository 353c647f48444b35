package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.ir.json.Json;

/** {@code zoo --preflight} imports without converting and ranks missing ops by the models each blocks. */
class ZooPreflightTest {
    @TempDir
    Path tmp;

    @Test
    void ranksMissingOpsOverTfOps() throws Exception {
        Path out = tmp.resolve("pf");
        CliRunner.Result r = CliRunner.run("zoo", "--preflight", Corpus.root().resolve("tf-ops").toString(),
                "--filter", "bitcast", "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("missing TF op") && r.out().contains("blocks"), r.out());
        assertTrue(!Files.exists(out.resolve("cases")), "preflight converts nothing");
        Map<String, Object> pf = Json.parseObject(Files.readString(out.resolve("preflight.json"), StandardCharsets.UTF_8));
        List<?> ops = (List<?>) pf.get("missing_ops");
        assertTrue(!ops.isEmpty(), "the bitcast cases include unsupported ops (unsigned types)");
        long prev = Long.MAX_VALUE;
        for (Object o : ops) {
            Map<?, ?> op = (Map<?, ?>) o;
            long n = ((Number) op.get("models_blocked")).longValue();
            assertTrue(n <= prev, "ranked by models blocked");
            assertEquals(n, ((List<?>) op.get("models")).size());
            assertTrue(((Number) op.get("sole_blocker")).longValue() <= n);
            prev = n;
        }
        assertEquals(((Number) pf.get("models")).longValue(), ((Number) pf.get("imported")).longValue()
                + ((Number) pf.get("blocked")).longValue() + ((Map<?, ?>) pf.get("other_errors")).values().stream()
                .mapToLong(v -> ((Number) v).longValue()).sum());
        String md = Files.readString(out.resolve("preflight.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("| rank | TF op | models blocked |"), md);
    }

    @Test
    void coversTheSavedModels() {
        CliRunner.Result r = CliRunner.run("zoo", "--preflight", Corpus.root().resolve("savedmodels").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s)14 models: \\d+ import.*missing TF op.*"), r.out());
        assertTrue(!r.out().contains("NullPointerException") && !r.out().contains(" null"), r.out());
    }
}
