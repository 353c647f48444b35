package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.proto.SavedModel;
import org.tf2torch.ir.json.Json;

/**
 * Every signature of every corpus SavedModel (the table in docs/models.md, "Signatures"): it converts and matches
 * TF, or it is refused naming the op that stops it. Signatures that change state (a counter's increment, a
 * training step) must be refused with the op and the reason, never converted.
 */
class CorpusSignaturesTest {
    /** {@code PASS}, or the fragments a refusal must contain: the op and why. */
    private static final String PASS = "pass";
    private static final String STRING_INPUT = "string input x1 - signature input 'inputs' is a string tensor";
    private static final String ASSIGN_ADD = "AssignAdd x1 - updates a variable in place: this signature changes the"
            + " model's state";

    static final Map<String, List<String>> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("serving-counter/get_counter", List.of(PASS)),
            Map.entry("serving-counter/incr_counter", List.of(ASSIGN_ADD, "incr_counter_op/AssignAdd")),
            Map.entry("serving-counter/incr_counter_by", List.of(ASSIGN_ADD, "incr_counter_by_op/AssignAdd")),
            Map.entry("serving-counter/reset_counter", List.of("Assign x1 - assigns a variable: this signature"
                    + " changes the model's state", "reset_counter_op/Assign")),
            Map.entry("serving-half-plus-two-cpu/classify_x_to_y", List.of(STRING_INPUT)),
            Map.entry("serving-half-plus-two-cpu/regress_x2_to_y3", List.of(PASS)),
            Map.entry("serving-half-plus-two-cpu/regress_x_to_y", List.of(STRING_INPUT)),
            Map.entry("serving-half-plus-two-cpu/regress_x_to_y2", List.of(STRING_INPUT)),
            Map.entry("serving-half-plus-two-cpu/serving_default", List.of(PASS)),
            Map.entry("serving-half-plus-two-tf2-cpu/classify_x2_to_y3", List.of(PASS)),
            Map.entry("serving-half-plus-two-tf2-cpu/classify_x_to_y", List.of(STRING_INPUT)),
            Map.entry("serving-half-plus-two-tf2-cpu/regress_x2_to_y3", List.of(PASS)),
            Map.entry("serving-half-plus-two-tf2-cpu/regress_x_to_y", List.of(STRING_INPUT)),
            Map.entry("serving-half-plus-two-tf2-cpu/regress_x_to_y2", List.of(STRING_INPUT)),
            Map.entry("serving-half-plus-two-tf2-cpu/serving_default", List.of(PASS)),
            Map.entry("tf2onnx-redundant-inputs/serving_default", List.of(PASS)),
            Map.entry("tf2onnx-regression/serving_default", List.of(PASS)),
            Map.entry("tfjava-python-model/add", List.of(PASS)),
            Map.entry("tfjava-python-model/get_const_matrix", List.of(PASS)),
            Map.entry("tfjava-python-model/get_const_scalar", List.of(PASS)),
            Map.entry("tfjava-python-model/get_const_vector", List.of(PASS)),
            Map.entry("tfjava-python-model/get_variable", List.of(PASS)),
            Map.entry("tfjava-tf1-model/classify_x2_to_y3", List.of(PASS)),
            Map.entry("tfjava-tf1-model/classify_x_to_y", List.of(STRING_INPUT)),
            Map.entry("tfjava-tf1-model/regress_x2_to_y3", List.of(PASS)),
            Map.entry("tfjava-tf1-model/regress_x_to_y", List.of(STRING_INPUT)),
            Map.entry("tfjava-tf1-model/regress_x_to_y2", List.of(STRING_INPUT)),
            Map.entry("tfjava-tf1-model/serving_default", List.of(PASS)),
            Map.entry("tfnet-conv1d-inference/inference", List.of(PASS)),
            Map.entry("tfnet-lstm/serving_default", List.of(PASS)),
            Map.entry("tfnet-mlp/serving_default", List.of(PASS)),
            Map.entry("tfnet-python-func/serving_default", List.of(PASS)),
            Map.entry("tfrust-keras-multiple-inputs/serving_default", List.of(PASS)),
            Map.entry("tfrust-keras-single-input/serving_default", List.of(PASS)),
            Map.entry("tfrust-regression/b", List.of(PASS)),
            Map.entry("tfrust-regression/train", List.of("ResourceApplyGradientDescent x2 - applies an optimizer"
                    + " update to a variable: this signature trains the model", "AssignAddVariableOp x1 - updates a"
                    + " variable in place")),
            Map.entry("tfrust-regression/w", List.of(PASS))));

    /** Inputs of unknown rank added to a constant must be fed its length; the signatures say nothing of it. */
    private static final Map<String, List<String>> EXTRA_ARGS = Map.of(
            "tfjava-python-model/get_const_matrix", List.of("--dim", "input:0=3"),
            "tfjava-python-model/get_const_vector", List.of("--dim", "input:0=3"));

    @TempDir
    Path tmp;

    /** Model/signature keys read off each saved_model.pb, so a signature missing from the table fails. */
    static List<String> corpusSignatures() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Corpus.root().resolve("savedmodels"))) {
            for (Path dir : s.filter(Files::isDirectory).sorted().toList()) {
                SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(dir.resolve("saved_model.pb")));
                TreeSet<String> keys = new TreeSet<>(sm.getMetaGraphs(0).getSignatureDefMap().keySet());
                keys.remove("__saved_model_init_op");
                for (String k : keys) out.add(dir.getFileName() + "/" + k);
            }
        }
        return out;
    }

    @Test
    void theTableListsEverySignature() throws IOException {
        assertEquals(new ArrayList<>(EXPECTED.keySet()), corpusSignatures());
    }

    static Stream<Arguments> signatures() throws IOException {
        return corpusSignatures().stream().map(k -> Arguments.of(k.substring(0, k.indexOf('/')),
                k.substring(k.indexOf('/') + 1)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("signatures")
    void convertsAndValidatesOrIsRefusedNamingTheOp(String model, String signature) throws IOException {
        List<String> expected = EXPECTED.get(model + "/" + signature);
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>(List.of("check", Corpus.savedModel(model).toString(), "--signature",
                signature, "-o", out.toString(), "--python", "none", "--samples", "1"));
        args.addAll(EXTRA_ARGS.getOrDefault(model + "/" + signature, List.of()));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertFalse(r.err().contains("\tat "), "stack trace: " + r.err());
        if (expected.equals(List.of(PASS))) {
            assertEquals(0, r.exit(), r.out() + r.err());
            Map<String, Object> manifest = Json.parseObject(Files.readString(out.resolve("conversion.json"),
                    StandardCharsets.UTF_8));
            String py = Files.readString(out.resolve("model.py"), StandardCharsets.UTF_8);
            // Several outputs come back as a dict keyed by the signature's output names.
            if (((List<?>) manifest.get("outputs")).size() > 1) {
                assertTrue(py.contains("-> Dict[str, torch.Tensor]:"), py);
            }
            return;
        }
        assertEquals(2, r.exit(), r.out() + r.err());
        for (String fragment : expected) assertTrue(r.err().contains(fragment), fragment + "\n" + r.err());
        assertFalse(Files.exists(out), "a refused signature left an output folder");
    }
}
