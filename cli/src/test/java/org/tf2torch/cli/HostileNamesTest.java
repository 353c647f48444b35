package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.fixtures.Fixture;
import org.tf2torch.fixtures.Fixtures;
import org.tf2torch.ir.json.Json;
import org.tf2torch.validation.io.NdArray;
import org.tf2torch.validation.runtime.NamedOutputs;
import org.tf2torch.validation.runtime.PythonRunner;
import org.tf2torch.validation.runtime.TfSavedModelRunner;

/**
 * A SavedModel whose signature keys and variable names carry quotes, newlines, triple quotes, keywords and
 * Python code converts to a model.py that compiles, runs nothing but the model, and still returns the
 * outputs under their exact original keys.
 */
class HostileNamesTest {
    @TempDir
    Path tmp;

    @Test
    void hostileNamesYieldInertWorkingCode() throws Exception {
        Path pwned = Paths.get("/tmp/pwned");
        Files.deleteIfExists(pwned);
        Path model = Fixtures.buildCached(Fixture.HOSTILE_NAMES);
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("convert", model.toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        String py = Files.readString(out.resolve("model.py"), StandardCharsets.UTF_8);
        assertFalse(py.contains("\"\"\"\n# end"), "raw triple quote + newline from a key leaked into model.py");

        Map<String, Object> manifest = Json.parseObject(Files.readString(out.resolve("conversion.json"), StandardCharsets.UTF_8));
        Map<String, NdArray> byKey = new LinkedHashMap<>();
        Map<String, NdArray> byArg = new LinkedHashMap<>();
        List<NdArray> positional = new ArrayList<>();
        Random rnd = new Random(7);
        for (Object o : (List<?>) manifest.get("inputs")) {
            Map<?, ?> in = (Map<?, ?>) o;
            NdArray a = ConversionAcceptanceTest.randomFloats(rnd, ConversionAcceptanceTest.shapeOf(in.get("shape")));
            byKey.put((String) in.get("name"), a);
            byArg.put((String) in.get("argument"), a);
            positional.add(a);
        }
        assertTrue(byKey.containsKey("class"), "the keyword-named input keeps its key");
        Map<String, NdArray> expected;
        try (TfSavedModelRunner tf = TfSavedModelRunner.open(model, "serve")) {
            expected = tf.run("serving_default", byKey);
        }
        PythonRunner python = PythonRunner.create(Corpus.python());
        NamedOutputs eager = python.runModule(out, (String) manifest.get("class_name"), byArg);
        NamedOutputs script = python.runTorchScript(out.resolve("model.torchscript.pt"), positional);
        for (Map.Entry<String, NdArray> e : expected.entrySet()) {
            assertTrue(e.getValue().maxAbsDiff(eager.get(e.getKey())) <= 1e-5, "model.py output " + e.getKey());
            assertTrue(e.getValue().maxAbsDiff(script.get(e.getKey())) <= 1e-5, "archive output " + e.getKey());
        }
        assertTrue(python.scriptError(out, (String) manifest.get("class_name")).isEmpty());
        assertFalse(Files.exists(pwned), "code from a signature key was executed");
    }
}
