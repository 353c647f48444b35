package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --help, --version, inspect and usage errors behave as documented. */
class CliBasicsTest {
    @TempDir
    Path tmp;

    @Test
    void versionAndHelpOnEveryCommand() {
        CliRunner.Result v = CliRunner.run("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().startsWith("tf2torch "), v.out());
        for (String cmd : new String[] {"convert", "validate", "check", "inspect", "ops", "zoo", "example"}) {
            CliRunner.Result h = CliRunner.run(cmd, "--help");
            assertEquals(0, h.exit(), cmd);
            assertTrue(h.out().contains("Usage: tf2torch " + cmd), h.out());
            assertEquals(0, CliRunner.run(cmd, "--version").exit(), cmd);
        }
        assertTrue(CliRunner.run("convert", "--help").out().contains("Exit status"), "exit codes documented");
    }

    @Test
    void usageErrorsExitOne() {
        assertEquals(1, CliRunner.run().exit());
        assertEquals(1, CliRunner.run("convert").exit());
        assertEquals(1, CliRunner.run("frobnicate").exit());
        CliRunner.Result w = CliRunner.run("convert", Corpus.savedModel("tfnet-mlp").toString(), "-o",
                tmp.resolve("o").toString(), "--weights", "onnx");
        assertEquals(1, w.exit());
        assertTrue(w.err().contains("--weights"), w.err());
    }

    @Test
    void inspectShowsSignaturesOpsAndIr() {
        CliRunner.Result r = CliRunner.run("inspect", Corpus.savedModel("tfnet-mlp").toString(), "--ir");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("signature 'serving_default'"), r.out());
        assertTrue(r.out().contains("input  input_1: DT_FLOAT[-1,28,28,1]") || r.out().contains("input_1"), r.out());
        assertTrue(r.out().contains("graph @") && r.out().contains("matmul("), r.out());
    }

    @Test
    void inspectReportsUnsupportedOpsWithExitTwo() {
        // tfnet-lstm converts since Keras LSTM calls became one lstm op; conv1d's signature still has a refusal
        CliRunner.Result r = CliRunner.run("inspect", Corpus.savedModel("tfnet-conv1d-inference").toString(),
                "--signature", "inference");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.out().contains("Squeeze"), r.out());
    }

    @Test
    void validateWithoutConversionFolderIsAUsageError() {
        CliRunner.Result r = CliRunner.run("validate", tmp.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("conversion.json"), r.err());
    }

    @Test
    void cudaWithoutAGpuFailsCleanly() {
        Path out = tmp.resolve("mlp");
        assertEquals(0, CliRunner.run("convert", Corpus.savedModel("tfnet-mlp").toString(), "-o", out.toString()).exit());
        CliRunner.Result r = CliRunner.run("validate", out.toString(), "--device", "cuda", "--python", "none");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("--device cuda"), r.err());
    }
}
