package org.tf2torch.validation.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tf2torch.ir.DType;
import org.tf2torch.validation.TestEnv;
import org.tf2torch.validation.io.NdArray;

class TfSavedModelRunnerTest {
    @Test
    void runsHalfPlusTwo() throws IOException {
        Path dir = TestEnv.corpus("savedmodels/serving-half-plus-two-cpu");
        String sig = signature(dir);
        try (TfSavedModelRunner tf = TfSavedModelRunner.open(dir, "serve", 1)) {
            assertEquals(List.of("classify_x_to_y", "regress_x2_to_y3", "regress_x_to_y", "regress_x_to_y2",
                    "serving_default"), tf.signatures(), "sorted, without the init op");
            List<TensorSpec> in = tf.inputSpecs(sig);
            List<TensorSpec> out = tf.outputSpecs(sig);
            System.out.println("half_plus_two " + tf.signatures() + "\n  " + sig + ": " + in + " -> " + out);
            assertEquals(1, in.size());
            assertEquals(DType.F32, in.get(0).dtype());
            NdArray x = NdArray.of(new float[] {0, 1, 2, -4}, shapeFor(in.get(0), 4));
            Map<String, NdArray> y = tf.run(sig, Map.of(in.get(0).name(), x));
            assertEquals(List.of(out.get(0).name()), List.copyOf(y.keySet()));
            assertArrayEquals(new float[] {2, 2.5f, 3, 0}, y.get(out.get(0).name()).toFloatArray());
            assertArrayEquals(x.shape(), y.get(out.get(0).name()).shape());

            // Signatures taking serialized tf.Example strings are described but refused with a clear message.
            for (String s : tf.signatures()) {
                for (TensorSpec spec : tf.inputSpecs(s)) {
                    if (spec.isSupported()) continue;
                    assertEquals("DT_STRING", spec.sourceType());
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> tf.run(s, Map.of(spec.name(), NdArray.of(new float[1]))));
                    assertTrue(e.getMessage().contains("DT_STRING"), e.getMessage());
                }
            }
            IllegalArgumentException noSig = assertThrows(IllegalArgumentException.class,
                    () -> tf.run("nope", Map.of()));
            assertTrue(noSig.getMessage().contains(sig), noSig.getMessage());
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> tf.run(sig, Map.of()));
            assertTrue(missing.getMessage().contains(in.get(0).name()), missing.getMessage());
            IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                    () -> tf.run(sig, Map.of(in.get(0).name(), NdArray.of(new double[] {1}, 1, 1))));
            assertTrue(wrongType.getMessage().contains("float64"), wrongType.getMessage());
        }
    }

    @Test
    void runsKerasMlpDeterministically() throws IOException {
        Path dir = TestEnv.corpus("savedmodels/tfnet-mlp");
        String sig = signature(dir);
        try (TfSavedModelRunner tf = TfSavedModelRunner.open(dir, "serve")) {
            assertFalse(tf.signatures().contains("__saved_model_init_op"));
            List<TensorSpec> in = tf.inputSpecs(sig);
            List<TensorSpec> out = tf.outputSpecs(sig);
            System.out.println("tfnet-mlp " + tf.signatures() + "\n  " + sig + ": " + in + " -> " + out);
            assertEquals(1, in.size());
            TensorSpec x = in.get(0);
            assertEquals(DType.F32, x.dtype());
            assertEquals(-1, x.shape()[0], "batch dimension is dynamic");
            long[] shape = x.shape();
            shape[0] = 3;
            long n = 1;
            for (long d : shape) n *= d;
            float[] v = new float[(int) n];
            for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(i);
            NdArray input = NdArray.of(v, shape);
            Map<String, NdArray> first = tf.run(sig, Map.of(x.name(), input));
            Map<String, NdArray> again = tf.run(sig, Map.of(x.name(), input));
            assertEquals(first, again);
            NdArray probs = first.get(out.get(0).name());
            assertEquals(3, probs.shape()[0]);
            // The model ends in a softmax: each row sums to 1.
            double[] p = probs.toDoubleArray();
            int cols = (int) probs.shape()[1];
            for (int r = 0; r < 3; r++) {
                double sum = 0;
                for (int c = 0; c < cols; c++) sum += p[r * cols + c];
                assertEquals(1.0, sum, 1e-5);
            }
            IllegalArgumentException badShape = assertThrows(IllegalArgumentException.class,
                    () -> tf.run(sig, Map.of(x.name(), NdArray.of(new float[] {1, 2}))));
            assertTrue(badShape.getMessage().contains("shape"), badShape.getMessage());
        }
    }

    /** Every corpus SavedModel loads and runs its case's signature on inputs made from its specs. */
    @ParameterizedTest
    @MethodSource("savedModels")
    void runsEveryCorpusSavedModel(String name) throws IOException {
        Path dir = TestEnv.corpus("savedmodels/" + name);
        String sig = signature(dir);
        try (TfSavedModelRunner tf = TfSavedModelRunner.open(dir, "serve", 1)) {
            Map<String, NdArray> inputs = new LinkedHashMap<>();
            for (TensorSpec spec : tf.inputSpecs(sig)) {
                assertTrue(spec.isSupported(), () -> name + " input " + spec);
                long[] shape = spec.hasRank() ? shapeFor(spec, 2) : new long[0];
                long n = 1;
                for (long d : shape) n *= d;
                double[] v = new double[(int) n];
                for (int i = 0; i < v.length; i++) v[i] = (i % 5) * 0.25;
                inputs.put(spec.name(), NdArray.ofDoubles(spec.dtype(), v, shape));
            }
            Map<String, NdArray> out = tf.run(sig, inputs);
            List<TensorSpec> specs = tf.outputSpecs(sig);
            assertEquals(specs.stream().map(TensorSpec::name).toList(), List.copyOf(out.keySet()));
            for (TensorSpec spec : specs) {
                NdArray a = out.get(spec.name());
                assertEquals(spec.dtype(), a.dtype(), name + " " + spec);
                if (spec.hasRank()) assertEquals(spec.shape().length, a.rank(), name + " " + spec);
            }
            System.out.println(name + " " + sig + ": " + tf.inputSpecs(sig) + " -> " + specs + " = " + out.values());
        }
    }

    static Stream<String> savedModels() throws IOException {
        try (Stream<Path> s = Files.list(TestEnv.corpus("savedmodels"))) {
            return s.filter(p -> Files.exists(p.resolve("saved_model.pb"))).map(p -> p.getFileName().toString())
                    .sorted().toList().stream();
        }
    }

    @Test
    void namesTheTagSetsWhenATagIsMissing() {
        Path dir = TestEnv.corpus("savedmodels/serving-half-plus-two-cpu");
        RunnerException e = assertThrows(RunnerException.class, () -> TfSavedModelRunner.open(dir, "gpu-only"));
        assertTrue(e.getMessage().contains("[serve]"), e.getMessage());
    }

    private static String signature(Path dir) throws IOException {
        return JsonParser.parseString(Files.readString(dir.resolve("case.json"))).getAsJsonObject()
                .get("signature").getAsString();
    }

    /** The spec's shape with unknown dimensions set to {@code n}. */
    private static long[] shapeFor(TensorSpec spec, long n) {
        long[] s = spec.shape();
        for (int i = 0; i < s.length; i++) if (s[i] < 0) s[i] = n;
        return s;
    }
}
