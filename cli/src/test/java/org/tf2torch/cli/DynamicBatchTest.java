package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.fixtures.Fixture;
import org.tf2torch.fixtures.Fixtures;
import org.tf2torch.ir.json.Json;

/**
 * Validation at two batch sizes: reshape targets built from {@code tf.shape(x)} stay run-time sizes in model.py,
 * the module passes at both sizes, and a module with the traced batch baked in fails at the second.
 */
class DynamicBatchTest {
    @TempDir
    Path tmp;

    @Test
    void shapeChainsStaySymbolicAndPassAtTwoBatchSizes() throws Exception {
        Path model = Fixtures.buildCached(Fixture.DYNAMIC_RESHAPE);
        Path out = tmp.resolve("out");
        Path json = tmp.resolve("report.json");
        CliRunner.Result r = CliRunner.run("check", model.toString(), "-o", out.toString(), "--python",
                Corpus.python(), "--samples", "2", "--json", json.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("2 samples at batch 2, x f32[2,4,4]; then batch 3: 1 sample, x [3,4,4]"), r.out());
        for (String backend : List.of("torchscript-djl", "python-eager", "python-torchscript")) {
            for (String batch : List.of("batch 2", "batch 3")) {
                assertTrue(r.out().contains("[PASS] " + backend + "  merged  " + batch), backend + " " + batch + "\n" + r.out());
            }
        }
        String py = Files.readString(out.resolve("model.py"), StandardCharsets.UTF_8);
        // Every reshape target is read off the input when the module runs: no literal batch, length or product.
        for (String line : py.split("\n")) {
            if (line.contains(".reshape(")) {
                assertFalse(line.matches(".*\\.reshape\\((2|3|4|8|12|16)\\b.*"), "baked size in: " + line + "\n" + py);
            }
        }
        Map<String, Object> report = Json.parseObject(Files.readString(json, StandardCharsets.UTF_8));
        List<?> rounds = (List<?>) ((Map<?, ?>) report.get("inputs")).get("rounds");
        assertEquals(2, rounds.size(), report.toString());
        assertEquals("batch 3", ((Map<?, ?>) rounds.get(1)).get("label"));
    }

    @Test
    void batchSizesOptionChoosesTheSizes() throws Exception {
        Path model = Fixtures.buildCached(Fixture.DYNAMIC_RESHAPE);
        CliRunner.Result r = CliRunner.run("check", model.toString(), "-o", tmp.resolve("o").toString(), "--python",
                "none", "--samples", "1", "--batch-sizes", "5,1,7");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("x f32[5,4,4]; then batch 1: 1 sample, x [1,4,4]; then batch 7: 1 sample, x [7,4,4]"),
                r.out());
        assertTrue(r.out().contains("[PASS] torchscript-djl  flat  batch 7  f32[7,16]"), r.out());
    }

    /** The traced batch baked into one reshape: right at batch 2, wrong (a run failure) at batch 3. */
    @Test
    void aModuleThatOnlyWorksAtTheTracedBatchFails() throws Exception {
        Path model = Fixtures.buildCached(Fixture.DYNAMIC_RESHAPE);
        Path out = tmp.resolve("baked");
        assertEquals(0, CliRunner.run("convert", model.toString(), "-o", out.toString()).exit());
        Path pyFile = out.resolve("model.py");
        StringBuilder baked = new StringBuilder();
        int changed = 0;
        for (String line : Files.readString(pyFile, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.contains("# tf \"flat\"") && line.contains(".reshape(")) {
                line = line.substring(0, line.indexOf(".reshape(")) + ".reshape(2, 16)  # tf \"flat\"";
                changed++;
            }
            baked.append(line).append('\n');
        }
        assertEquals(1, changed, Files.readString(pyFile));
        Files.writeString(pyFile, baked.toString(), StandardCharsets.UTF_8);
        CliRunner.Result r = CliRunner.run("validate", out.toString(), "--python", Corpus.python(), "--samples", "1");
        assertNotEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("[FAIL] python-eager: forward call failed: at batch 3 (sample 1)"), r.out());
    }

    /** tf.squeeze() without axes drops a batch of 1; the converted module keeps rank and raises instead. */
    @Test
    void squeezeWithoutAxesRefusesBatchOneAtRunTime() throws Exception {
        Path model = Corpus.savedModel("tfnet-conv1d-inference");
        CliRunner.Result r = CliRunner.run("check", model.toString(), "--signature", "inference", "-o",
                tmp.resolve("c1").toString(), "--python", "none", "--samples", "1", "--batch-sizes", "2,1");
        assertNotEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("[PASS] torchscript-djl  output_0  batch 2"), r.out());
        assertTrue(r.out().contains("forward call failed: at batch 1 (sample 1)"), r.out());
        assertTrue(r.out().contains("TF Squeeze node 'enc/Squeeze' has no axes"), r.out());
    }
}
