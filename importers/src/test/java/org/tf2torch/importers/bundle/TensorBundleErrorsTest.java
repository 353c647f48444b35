package org.tf2torch.importers.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.importers.ImportException;

/** Damaged copies of a real SavedModel's variables: each fault must give a message naming file and remedy. */
class TensorBundleErrorsTest {
    private static final String MLP_KERNEL = "layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE";

    @TempDir
    Path tmp;

    /** A writable copy of tfnet-mlp's variables folder (the corpus files are read-only). */
    private Path copyOfMlp() throws IOException {
        Path src = Corpus.variablesDir("tfnet-mlp");
        Path dst = tmp.resolve("variables");
        Files.createDirectories(dst);
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path t = dst.resolve(f.getFileName().toString());
                Files.copy(f, t);
                t.toFile().setWritable(true);
            }
        }
        return dst;
    }

    private static String message(Executable call, String... expected) {
        ImportException e = assertThrows(ImportException.class, call);
        for (String s : expected) assertTrue(e.getMessage().contains(s), "message lacks '" + s + "': " + e.getMessage());
        return e.getMessage();
    }

    private static void truncate(Path file, int length) throws IOException {
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), length));
    }

    private static void flipByte(Path file, int at) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[at < 0 ? b.length + at : at] ^= 0x5a;
        Files.write(file, b);
    }

    @Test
    void missingIndex() {
        message(() -> TensorBundle.open(tmp), "variables.index is missing", tmp.toString());
        message(() -> TensorBundle.open(tmp.resolve("nope").resolve("variables")), "variables.index is missing");
    }

    @Test
    void savedModelWithoutVariablesFolderNamesTheExpectedPath() throws IOException {
        Files.write(tmp.resolve("saved_model.pb"), new byte[0]);
        message(() -> TensorBundle.open(tmp), "variables/variables.index is missing");
    }

    @Test
    void indexShorterThanFooter() throws IOException {
        Path v = copyOfMlp();
        truncate(v.resolve("variables.index"), 20);
        message(() -> TensorBundle.open(v), "variables.index", "is truncated", "20 bytes", "copy");
    }

    @Test
    void indexCutInTheMiddle() throws IOException {
        Path v = copyOfMlp();
        truncate(v.resolve("variables.index"), (int) Files.size(v.resolve("variables.index")) / 2);
        message(() -> TensorBundle.open(v), "variables.index", "truncated", "magic");
    }

    @Test
    void corruptMagic() throws IOException {
        Path v = copyOfMlp();
        flipByte(v.resolve("variables.index"), -1);
        message(() -> TensorBundle.open(v), "variables.index", "magic number", "not a TensorFlow tensor bundle index");
    }

    @Test
    void corruptBlockFailsItsChecksum() throws IOException {
        Path v = copyOfMlp();
        flipByte(v.resolve("variables.index"), 10);
        message(() -> TensorBundle.open(v), "variables.index", "checksum", "data block");
    }

    @Test
    void missingShard() throws IOException {
        Path v = copyOfMlp();
        Files.delete(v.resolve("variables.data-00000-of-00001"));
        message(() -> TensorBundle.open(v), "variables.data-00000-of-00001 is missing", "copy every variables.data-*");
    }

    @Test
    void truncatedShard() throws IOException {
        Path v = copyOfMlp();
        truncate(v.resolve("variables.data-00000-of-00001"), 1000);
        message(() -> TensorBundle.open(v), "variables.data-00000-of-00001 has 1000 bytes", "extends past its end");
    }

    @Test
    void corruptDataFailsCrcButOpensAndStaysLazy() throws IOException {
        Path v = copyOfMlp();
        flipByte(v.resolve("variables.data-00000-of-00001"), 12);
        TensorBundle b = TensorBundle.open(v);
        assertEquals(784 * 100 * 4, b.tensor(MLP_KERNEL).byteSize());
        message(() -> b.verifyCrc(MLP_KERNEL), MLP_KERNEL, "fails its checksum", "variables.data-00000-of-00001");
        b.verifyCrc("layer_with_weights-1/bias/.ATTRIBUTES/VARIABLE_VALUE");
    }

    @Test
    void corruptObjectGraphBytesAreReported() throws IOException {
        Path v = copyOfMlp();
        flipByte(v.resolve("variables.data-00000-of-00001"), -5);
        TensorBundle b = TensorBundle.open(v);
        message(b::objectGraph, TensorBundle.OBJECT_GRAPH_KEY, "checksum");
    }

    @Test
    void unknownKeyAndWrongKind() throws IOException {
        TensorBundle b = TensorBundle.open(copyOfMlp());
        message(() -> b.entry("no/such/var"), "has no variable 'no/such/var'");
        message(() -> b.tensor(TensorBundle.OBJECT_GRAPH_KEY), "string tensor", "stringTensor");
        message(() -> b.stringTensor(MLP_KERNEL), "DT_FLOAT", "not a string tensor");
    }
}
