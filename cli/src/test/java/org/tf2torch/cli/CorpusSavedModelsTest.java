package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tf2torch.ir.json.Json;

/**
 * Every corpus SavedModel, on the signature its case.json names, either converts and validates against TF
 * (exit 0) or is refused with exit 2 and a report naming each unsupported op: never a crash, a stack trace
 * or a partial output.
 */
class CorpusSavedModelsTest {
    /** These must convert and match TF; the others may still be refused for unsupported ops. */
    static final List<String> MUST_PASS = List.of("tfnet-mlp", "tfrust-keras-single-input",
            "tfrust-keras-multiple-inputs", "serving-half-plus-two-cpu", "serving-half-plus-two-tf2-cpu",
            "tf2onnx-regression", "serving-counter", "tf2onnx-redundant-inputs", "tfjava-tf1-model",
            "tfnet-python-func", "tfjava-python-model", "tfnet-lstm", "tfnet-conv1d-inference");

    @TempDir
    Path tmp;

    static Stream<String> models() throws IOException {
        try (Stream<Path> s = Files.list(Corpus.root().resolve("savedmodels"))) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void convertsAndValidatesOrIsRefusedPrecisely(String name) throws IOException {
        Path model = Corpus.savedModel(name);
        Map<String, Object> cj = Json.parseObject(Files.readString(model.resolve("case.json"), StandardCharsets.UTF_8));
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("check", model.toString(), "--signature", (String) cj.get("signature"),
                "-o", out.toString(), "--python", "none", "--samples", "2");
        assertFalse(r.err().contains("\tat "), "stack trace: " + r.err());
        if (MUST_PASS.contains(name)) {
            assertEquals(0, r.exit(), r.out() + r.err());
        } else if (r.exit() == 2) {
            assertTrue(r.err().contains("unsupported TF op(s)"), r.err());
            assertFalse(Files.exists(out), "a refused conversion left an output folder");
            return;
        }
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("PASS"), r.out());
        assertTrue(Files.exists(out.resolve("model.py")));
    }
}
