package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.tf2torch.exporters.pytorch.TorchTargets;
import org.tf2torch.ir.Op;

class OpsDocTest {
    @Test
    void docsOpsMdIsTheOutputOfOpsMarkdown() throws Exception {
        CliRunner.Result r = CliRunner.run("ops", "--markdown", "--corpus", Corpus.root().resolve("tf-ops").toString(),
                "--known-failures", ConformanceTest.KNOWN.toString());
        assertEquals(0, r.exit(), r.err());
        Path doc = Paths.get("..", "docs", "ops.md");
        String onDisk = Files.readString(doc, StandardCharsets.UTF_8);
        assertEquals(onDisk, r.out(), "docs/ops.md is stale: regenerate it with the command at its top");
    }

    @Test
    void everyIrOpHasADocumentedTorchTarget() {
        for (Op op : Op.values()) TorchTargets.of(op);
    }

    @Test
    void plainListingNamesCoreOps() {
        CliRunner.Result r = CliRunner.run("ops");
        assertEquals(0, r.exit());
        for (String op : new String[] {"Conv2D", "MatMul", "FusedBatchNormV3", "StridedSlice", "Softmax"}) {
            assertTrue(r.out().contains(op), op);
        }
    }
}
