package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives a one-paragraph error naming the file, exit 1 (2 for unsupported ops), and no output. */
class BadInputTest {
    @TempDir
    Path tmp;

    private static void assertCleanError(CliRunner.Result r, int exit, String... fragments) {
        assertEquals(exit, r.exit(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        for (String f : fragments) assertTrue(r.err().contains(f), "expected '" + f + "' in: " + r.err());
        assertFalse(r.err().contains("\tat org."), "stack trace leaked: " + r.err());
        assertFalse(r.err().contains("Exception"), "exception name leaked: " + r.err());
    }

    private Path copyOf(String model) throws IOException {
        Path src = Corpus.savedModel(model);
        Path dst = tmp.resolve(model);
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
        return dst;
    }

    private void assertNoOutput(Path out) throws IOException {
        assertFalse(Files.exists(out), "output folder was created");
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".partial-")), "staging folder left behind");
        }
    }

    @Test
    void missingModel() throws IOException {
        Path out = tmp.resolve("out");
        assertCleanError(CliRunner.run("convert", tmp.resolve("nope").toString(), "-o", out.toString()), 1,
                "nope", "does not exist");
        assertNoOutput(out);
    }

    @Test
    void folderThatIsNotASavedModel() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        assertCleanError(CliRunner.run("convert", dir.toString(), "-o", tmp.resolve("out").toString()), 1,
                "is not a SavedModel", "saved_model.pb");
    }

    @Test
    void truncatedProtobuf() throws IOException {
        Path m = copyOf("tfnet-mlp");
        Path pb = m.resolve("saved_model.pb");
        try (RandomAccessFile f = new RandomAccessFile(pb.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        Path out = tmp.resolve("out");
        assertCleanError(CliRunner.run("convert", m.toString(), "-o", out.toString()), 1, pb.toString(), "truncated");
        assertNoOutput(out);
    }

    @Test
    void missingVariablesShard() throws IOException {
        Path m = copyOf("tfnet-mlp");
        Files.delete(m.resolve("variables").resolve("variables.data-00000-of-00001"));
        Path out = tmp.resolve("out");
        assertCleanError(CliRunner.run("convert", m.toString(), "-o", out.toString()), 1,
                "variables.data-00000-of-00001");
        assertNoOutput(out);
    }

    @Test
    void shardShorterThanTheIndexSays() throws IOException {
        Path m = copyOf("tfnet-mlp");
        Path shard = m.resolve("variables").resolve("variables.data-00000-of-00001");
        try (RandomAccessFile f = new RandomAccessFile(shard.toFile(), "rw")) {
            f.setLength(f.length() - 1000);
        }
        Path out = tmp.resolve("out");
        assertCleanError(CliRunner.run("convert", m.toString(), "-o", out.toString()), 1, "variables.data-00000-of-00001");
        assertNoOutput(out);
    }

    @Test
    void unknownSignatureListsTheAvailableOnes() throws IOException {
        CliRunner.Result r = CliRunner.run("convert", Corpus.savedModel("tfjava-python-model").toString(), "-o",
                tmp.resolve("out").toString());
        assertCleanError(r, 1, "serving_default", "add", "get_variable", "--signature");
    }

    @Test
    void unsupportedOpsExitTwoAndListEveryOp() throws IOException {
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("convert", Corpus.savedModel("tfnet-conv1d-inference").toString(),
                "--signature", "inference", "-o", out.toString());
        assertCleanError(r, 2, "Squeeze", "enc/Squeeze", "__inference_signature_wrapper_210");
        assertNoOutput(out);
    }

    @Test
    void refusesNonEmptyOutputWithoutForce() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        CliRunner.Result r = CliRunner.run("convert", Corpus.savedModel("tfnet-mlp").toString(), "-o", out.toString());
        assertCleanError(r, 1, "--force");
        assertTrue(Files.exists(out.resolve("keep.txt")));
        CliRunner.Result forced = CliRunner.run("convert", Corpus.savedModel("tfnet-mlp").toString(), "-o",
                out.toString(), "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertFalse(Files.exists(out.resolve("keep.txt")));
        assertTrue(Files.exists(out.resolve("model.py")));
    }
}
