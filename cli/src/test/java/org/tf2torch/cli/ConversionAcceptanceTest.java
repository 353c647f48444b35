package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tf2torch.fixtures.Fixture;
import org.tf2torch.fixtures.Fixtures;
import org.tf2torch.ir.json.Json;
import org.tf2torch.validation.io.NdArray;
import org.tf2torch.validation.runtime.DjlTorchScriptRunner;
import org.tf2torch.validation.runtime.NamedOutputs;
import org.tf2torch.validation.runtime.PythonRunner;
import org.tf2torch.validation.runtime.TfSavedModelRunner;

/**
 * The foundation's acceptance: each fixture and the simple corpus SavedModels convert; model.py with the
 * weights (strict load), torch.jit.script, the TorchScript archive in Python and in DJL all match TensorFlow
 * (TF Java) within 1e-5; the module's parameter count equals the elements of the TF variables: those of the
 * model's object graph (its whole state, whichever signature is converted), or for TF1 models those the signature
 * reads.
 */
class ConversionAcceptanceTest {
    static final double ATOL = 1e-5;
    static PythonRunner python;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void findPython() {
        python = PythonRunner.create(Corpus.python());
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("fixture:MLP", "serving_default", 874L),
                // 24,362 weight elements + nn.BatchNorm2d's num_batches_tracked counter
                Arguments.of("fixture:CNN", "serving_default", 24363L),
                Arguments.of("fixture:FUNCTION_CALL", "serving_default", 69L),
                // Element counts read off the models' definitions (layer sizes), not from the converter.
                Arguments.of("tfnet-mlp", "serving_default", 784L * 100 + 100 + 100 * 10 + 10),
                Arguments.of("tfrust-keras-single-input", "serving_default", 25L + 5 + 25 + 5 + 5 + 1),
                Arguments.of("tfrust-keras-multiple-inputs", "serving_default", 15L + 3 + 6 + 1),
                Arguments.of("serving-half-plus-two-cpu", "serving_default", 2L),
                // a, b and c: c serves only the regress signatures but is part of the tf.Module's state
                Arguments.of("serving-half-plus-two-tf2-cpu", "serving_default", 3L),
                Arguments.of("tf2onnx-regression", "serving_default", 2L),
                // Conv1D kernel 3x2x16 + bias 16; dynamic dims are fed 3, so the squeeze guard (size 1) holds.
                Arguments.of("tfnet-conv1d-inference", "inference", 3L * 2 * 16 + 16));
    }

    static Path source(String name) {
        if (name.startsWith("fixture:")) return Fixtures.buildCached(Fixture.valueOf(name.substring(8)));
        return Corpus.savedModel(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void convertsAndMatchesTensorFlow(String name, String signature, long expectedElements) throws Exception {
        Path model = source(name);
        Path out = tmp.resolve(name.replace(':', '_'));
        CliRunner.Result r = CliRunner.run("convert", model.toString(), "-o", out.toString(), "--signature", signature);
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> manifest = Json.parseObject(Files.readString(out.resolve("conversion.json"), StandardCharsets.UTF_8));
        String cls = (String) manifest.get("class_name");

        Map<String, NdArray> byKey = new LinkedHashMap<>();
        Map<String, NdArray> byArg = new LinkedHashMap<>();
        List<NdArray> positional = new ArrayList<>();
        Random rnd = new Random(name.hashCode());
        for (Object o : (List<?>) manifest.get("inputs")) {
            Map<?, ?> in = (Map<?, ?>) o;
            NdArray a = randomFloats(rnd, shapeOf(in.get("shape")));
            byKey.put((String) in.get("name"), a);
            byArg.put((String) in.get("argument"), a);
            positional.add(a);
        }
        Map<String, NdArray> expected;
        try (TfSavedModelRunner tf = TfSavedModelRunner.open(model, "serve")) {
            expected = tf.run(signature, byKey);
        }
        List<String> keys = new ArrayList<>(expected.keySet());

        compare("model.py", keys, expected, python.runModule(out, cls, byArg));
        compare("torch.jit.load (python)", keys, expected, python.runTorchScript(out.resolve("model.torchscript.pt"), positional));
        try (DjlTorchScriptRunner djl = DjlTorchScriptRunner.open(out.resolve("model.torchscript.pt"))) {
            compare("DJL libtorch", keys, expected, djl.runNamed(positional));
        }
        assertTrue(python.scriptError(out, cls).isEmpty(), () -> "torch.jit.script failed: " + python.scriptError(out, cls));
        List<String> constants = new ArrayList<>();
        for (Object o : (List<?>) manifest.get("state_dict")) {
            Map<?, ?> e = (Map<?, ?>) o;
            if ("constant".equals(e.get("kind"))) constants.add((String) e.get("key"));
        }
        assertEquals(expectedElements, moduleElementCount(out, cls, constants),
                "parameter + buffer elements of the module (graph constants excluded)");
    }

    @org.junit.jupiter.api.Test
    void channelsFirstInterfaceWithTorchSaveWeights() throws Exception {
        Corpus.python();
        Path model = Fixtures.buildCached(Fixture.CNN);
        Path out = tmp.resolve("cnn-nchw");
        CliRunner.Result r = CliRunner.run("convert", model.toString(), "-o", out.toString(), "--channels-first",
                "--weights", "pt");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.exists(out.resolve("model.pt")) && !Files.exists(out.resolve("model.safetensors")));
        String py = Files.readString(out.resolve("model.py"), StandardCharsets.UTF_8);
        // NCHW in: the only layout change left is the one TF's NHWC flatten needs before the dense layer.
        assertEquals(1, py.split("\\.permute\\(", -1).length - 1, py);
        CliRunner.Result v = CliRunner.run("validate", out.toString(), "--samples", "2");
        assertEquals(0, v.exit(), v.out() + v.err());
        assertTrue(v.out().contains("image f32[2,1,28,28]"), v.out());
    }

    private static void compare(String side, List<String> keys, Map<String, NdArray> expected, NamedOutputs actual) {
        assertEquals(keys.size(), actual.size(), side + ": number of outputs");
        for (int i = 0; i < keys.size(); i++) {
            NdArray want = expected.get(keys.get(i));
            NdArray got = keys.size() == 1 ? actual.get(0) : actual.get(keys.get(i));
            assertArrayEquals(want.shape(), got.shape(), side + " " + keys.get(i) + ": shape");
            double err = want.maxAbsDiff(got);
            assertTrue(err <= ATOL, side + " " + keys.get(i) + ": max abs error " + err);
        }
    }

    static long[] shapeOf(Object shape) {
        if (shape == null) return new long[] {4}; // unknown rank: feed a vector
        List<?> dims = (List<?>) shape;
        long[] s = new long[dims.size()];
        for (int i = 0; i < s.length; i++) s[i] = dims.get(i) instanceof Number ? ((Number) dims.get(i)).longValue() : 3;
        return s;
    }

    static NdArray randomFloats(Random rnd, long[] shape) {
        long n = 1;
        for (long d : shape) n *= d;
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian();
        return NdArray.of(v, shape);
    }

    static long moduleElementCount(Path dir, String cls, List<String> constants) throws Exception {
        String code = "import sys; sys.path.insert(0, sys.argv[1]); import model; m = getattr(model, sys.argv[2])(); "
                + "skip = set(sys.argv[3:]); "
                + "print(sum(p.numel() for p in m.parameters()) + sum(b.numel() for n, b in m.named_buffers() "
                + "if n not in skip))";
        List<String> cmd = new ArrayList<>(List.of(Corpus.python(), "-c", code, dir.toString(), cls));
        cmd.addAll(constants);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), text);
        String[] lines = text.split("\n");
        return Long.parseLong(lines[lines.length - 1].trim());
    }

}
