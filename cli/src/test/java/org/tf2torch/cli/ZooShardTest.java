package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.cli.zoo.Shard;

/** Two shards merged equal the unsharded run; the shard index can come from a Kubernetes Indexed Job. */
class ZooShardTest {
    static final String FILTER = "g";

    @TempDir
    Path tmp;

    @Test
    void twoShardsMergedEqualTheWholeRun() throws Exception {
        String corpus = Corpus.root().resolve("tf-ops").toString();
        Path whole = tmp.resolve("whole");
        assertEquals(0, CliRunner.run("zoo", corpus, "-o", whole.toString(), "--filter", FILTER, "-j", "1").exit());
        Path s0 = tmp.resolve("s0");
        Path s1 = tmp.resolve("s1");
        CliRunner.Result r0 = CliRunner.run("zoo", corpus, "-o", s0.toString(), "--filter", FILTER, "-j", "1", "--shard", "0/2");
        CliRunner.Result r1 = CliRunner.run("zoo", corpus, "-o", s1.toString(), "--filter", FILTER, "-j", "1", "--shard", "1/2");
        assertEquals(0, r0.exit(), r0.err());
        assertEquals(0, r1.exit(), r1.err());
        int n0 = ((List<?>) ZooTestSupport.summary(s0).get("cases")).size();
        int n1 = ((List<?>) ZooTestSupport.summary(s1).get("cases")).size();
        int n = ((List<?>) ZooTestSupport.summary(whole).get("cases")).size();
        assertEquals(n, n0 + n1);
        assertTrue(n0 > 0 && n1 > 0, "both shards get cases: " + n0 + " + " + n1);

        Path merged = tmp.resolve("merged");
        CliRunner.Result m = CliRunner.run("zoo", "merge", s0.toString(), s1.toString(), "-o", merged.toString());
        assertEquals(0, m.exit(), m.err());
        assertEquals("", m.err());
        assertEquals(ZooTestSupport.summary(whole), ZooTestSupport.summary(merged));
        assertEquals(ZooTestSupport.caseFolders(whole).stream().map(p -> p.getFileName().toString()).toList(),
                ZooTestSupport.caseFolders(merged).stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(Files.isRegularFile(merged.resolve("summary.html")));

        CliRunner.Result partial = CliRunner.run("zoo", "merge", s0.toString(), "-o", tmp.resolve("part").toString());
        assertTrue(partial.err().contains("shards [1] of 2 are missing"), partial.err());
        CliRunner.Result twice = CliRunner.run("zoo", "merge", s0.toString(), s0.toString(), "-o", tmp.resolve("x").toString());
        assertEquals(1, twice.exit());
        assertTrue(twice.err().contains("is in both"), twice.err());
    }

    @Test
    void shardComesFromTheIndexedJobEnvironment() {
        assertEquals(new Shard(3, 8), Shard.resolve(null, 8, Map.of("JOB_COMPLETION_INDEX", "3")));
        assertEquals(new Shard(1, 4), Shard.resolve("1/4", null, Map.of("JOB_COMPLETION_INDEX", "3")));
        assertEquals(Shard.ALL, Shard.resolve(null, null, Map.of("JOB_COMPLETION_INDEX", "3")));
        assertEquals(new Shard(2, 5), Shard.resolve(null, null,
                Map.of("TF2TORCH_SHARD_INDEX", "2", "TF2TORCH_SHARD_COUNT", "5")));
        assertThrows(IllegalArgumentException.class, () -> Shard.resolve(null, 4, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("4/4"));
        int[] sizes = new int[4];
        for (int i = 0; i < 4000; i++) {
            for (int s = 0; s < 4; s++) if (new Shard(s, 4).contains("case/" + i)) sizes[s]++;
        }
        for (int s : sizes) assertTrue(s > 900 && s < 1100, "balanced shards: " + java.util.Arrays.toString(sizes));
        assertEquals(4000, sizes[0] + sizes[1] + sizes[2] + sizes[3]);
    }
}
