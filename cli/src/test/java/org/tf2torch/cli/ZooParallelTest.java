package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker JVMs give the results of an in-process run, and a worker that crashes natively takes only its own case
 * down: that case is recorded as an error naming the signal, every other case is unaffected.
 */
class ZooParallelTest {
    static final String FILTER = "g";
    static final String CRASHER = "g_05";

    @TempDir
    Path tmp;

    @Test
    void twoWorkersMatchOneJvmAndACrashCostsOneCase() throws Exception {
        String corpus = Corpus.root().resolve("tf-ops").toString();
        Path one = tmp.resolve("one");
        CliRunner.Result r1 = CliRunner.run("zoo", corpus, "-o", one.toString(), "--filter", FILTER, "-j", "1");
        assertEquals(0, r1.exit(), r1.err());

        Path two = tmp.resolve("two");
        System.setProperty("tf2torch.zoo.testCrashOn", CRASHER);
        CliRunner.Result r2;
        try {
            r2 = CliRunner.run("zoo", corpus, "-o", two.toString(), "--filter", FILTER, "-j", "2");
        } finally {
            System.clearProperty("tf2torch.zoo.testCrashOn");
        }
        assertEquals(0, r2.exit(), r2.err());
        assertTrue(r2.out().contains("on 2 worker JVM(s)"), r2.out());

        Map<String, Object> a = ZooTestSupport.summary(one);
        Map<String, Object> b = ZooTestSupport.summary(two);
        List<?> ca = (List<?>) a.get("cases");
        List<?> cb = (List<?>) b.get("cases");
        assertEquals(ca.size(), cb.size());
        boolean crashed = false;
        for (int i = 0; i < ca.size(); i++) {
            Map<?, ?> x = (Map<?, ?>) ca.get(i);
            Map<?, ?> y = (Map<?, ?>) cb.get(i);
            if (x.get("id").equals(CRASHER)) {
                crashed = true;
                assertEquals("error", y.get("status"));
                String msg = (String) y.get("message");
                assertTrue(msg.contains("worker JVM died") && msg.contains("SIGSEGV"), msg);
                continue;
            }
            assertEquals(x, y, "case " + x.get("id") + " differs between --jobs 1 and --jobs 2");
        }
        assertTrue(crashed, CRASHER + " is in the subset");
        assertTrue(Files.isDirectory(two.resolve("logs")), "worker logs are kept");

        // The crash was recorded like any result: a rerun redoes nothing.
        CliRunner.Result r3 = CliRunner.run("zoo", corpus, "-o", two.toString(), "--filter", FILTER, "-j", "2");
        assertTrue(r3.out().contains(ca.size() + " recorded by an earlier run, 0 to run"), r3.out());

        // Without the crash, --retry-errors redoes the errors only, and the crasher gets its true result.
        CliRunner.Result r4 = CliRunner.run("zoo", corpus, "-o", two.toString(), "--filter", FILTER, "-j", "2",
                "--retry-errors");
        assertEquals(0, r4.exit(), r4.err());
        long errors = ((Number) ((Map<?, ?>) a.get("totals")).get("error")).longValue();
        assertTrue(r4.out().contains((ca.size() - errors - 1) + " recorded by an earlier run, " + (errors + 1)
                + " to run"), r4.out());
        assertEquals(a, ZooTestSupport.summary(two));
    }
}
