package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.cli.zoo.CaseStore;
import org.tf2torch.ir.json.Json;

/**
 * A zoo run killed with SIGKILL partway and rerun gives the summary of an uninterrupted run; at no moment is a
 * case folder visible without its result, and a finished case is never redone.
 */
class ZooResumeTest {
    static final String FILTER = "g";

    @TempDir
    Path tmp;

    @Test
    void killedRunResumesToTheSameSummary() throws Exception {
        String corpus = Corpus.root().resolve("tf-ops").toString();
        Path whole = tmp.resolve("whole");
        CliRunner.Result ref = CliRunner.run("zoo", corpus, "-o", whole.toString(), "--filter", FILTER, "-j", "1");
        assertEquals(0, ref.exit(), ref.err());
        int total = ((List<?>) ZooTestSupport.summary(whole).get("cases")).size();

        Path out = tmp.resolve("killed");
        Process p = ZooTestSupport.childCli(List.of("-Dtf2torch.zoo.testDelayMs=400"), "zoo", corpus, "-o",
                out.toString(), "--filter", FILTER, "-j", "1").redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ZooTestSupport.caseFolders(out).size() < 3 && p.isAlive() && System.nanoTime() < deadline) {
            checkEveryVisibleFolderIsComplete(out);
            Thread.sleep(20);
        }
        p.destroyForcibly().waitFor();
        assertTrue(p.exitValue() == 137 || p.exitValue() == 9, "killed by SIGKILL, exit " + p.exitValue());
        int recorded = ZooTestSupport.caseFolders(out).size();
        assertTrue(recorded >= 3 && recorded < total, recorded + " of " + total + " recorded before the kill");
        assertTrue(!Files.exists(out.resolve("summary.json")), "no summary before the run ends");
        checkEveryVisibleFolderIsComplete(out);

        CliRunner.Result rerun = CliRunner.run("zoo", corpus, "-o", out.toString(), "--filter", FILTER, "-j", "1");
        assertEquals(0, rerun.exit(), rerun.err());
        assertTrue(rerun.out().contains(recorded + " recorded by an earlier run"), rerun.out());
        assertEquals(ZooTestSupport.summary(whole), ZooTestSupport.summary(out));
        assertEquals(List.of(), ZooTestSupport.hidden(out), "leftovers of the killed run are removed");
        checkEveryVisibleFolderIsComplete(out);

        CliRunner.Result again = CliRunner.run("zoo", corpus, "-o", out.toString(), "--filter", FILTER, "-j", "1");
        assertTrue(again.out().contains(total + " recorded by an earlier run, 0 to run"), again.out());
    }

    @Test
    void aChangedModelIsRedoneAndNothingElse() throws Exception {
        Path zoo = tmp.resolve("zoo");
        Path src = Corpus.root().resolve("tf-ops").resolve("abs");
        try (var files = Files.walk(src)) {
            for (Path f : files.toList()) {
                Path t = zoo.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
        }
        Path out = tmp.resolve("out");
        assertEquals(0, CliRunner.run("zoo", zoo.toString(), "-o", out.toString(), "-j", "1").exit());
        int total = ZooTestSupport.caseFolders(out).size();
        Path changed = zoo.resolve("rank2_float32").resolve("case.json");
        Files.writeString(changed, Files.readString(changed, StandardCharsets.UTF_8) + "\n", StandardCharsets.UTF_8);
        CliRunner.Result r = CliRunner.run("zoo", zoo.toString(), "-o", out.toString(), "-j", "1");
        assertTrue(r.out().contains((total - 1) + " recorded by an earlier run, 1 to run"), r.out());
        CliRunner.Result other = CliRunner.run("zoo", zoo.toString(), "-o", out.toString(), "-j", "1", "--python", "/nope");
        assertTrue(other.out().contains("0 recorded by an earlier run, " + total + " to run"),
                "a changed option redoes every case: " + other.out());
    }

    /** A visible case folder holds its result, and a converted case all its files: nothing half-written shows. */
    private static void checkEveryVisibleFolderIsComplete(Path out) throws Exception {
        for (Path dir : ZooTestSupport.caseFolders(out)) {
            Path result = dir.resolve(CaseStore.RESULT);
            assertTrue(Files.isRegularFile(result), "visible but unrecorded: " + dir);
            Map<String, Object> r = Json.parseObject(Files.readString(result, StandardCharsets.UTF_8));
            Map<?, ?> res = (Map<?, ?>) r.get("result");
            assertTrue(Files.isRegularFile(dir.resolve(CaseStore.REPORT)), "no report in " + dir);
            if ("pass".equals(res.get("status"))) {
                for (String f : List.of("conversion.json", "model.py", "model.torchscript.pt")) {
                    assertTrue(Files.isRegularFile(dir.resolve(f)), "recorded as passed without " + f + ": " + dir);
                }
            }
        }
    }
}
