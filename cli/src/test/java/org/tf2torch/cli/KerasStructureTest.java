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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.TensorShapeProto;
import org.tf2torch.importers.savedmodel.SavedModelLoader;
import org.tf2torch.ir.json.Json;

/**
 * The Keras SavedModels of the corpus that convert come out as a module hierarchy named after their layers,
 * with TF's Dense layers as {@code nn.Linear}, no weight frozen into a constant, and exactly the model's trainable
 * variables as trainable parameters: the PyTorch module (loaded in Python with its weights) counts as many
 * trainable elements as the SavedModel's object graph holds in trainable variables.
 */
class KerasStructureTest {
    /** Lines each model.py must contain: the layers by their Keras names. */
    static final Map<String, List<String>> LAYERS = Map.of(
            "tfnet-mlp", List.of("self.dense = nn.Linear(784, 100)", "self.dense_1 = nn.Linear(100, 10)"),
            "tfnet-python-func", List.of("self.transformer = nn.Linear(784, 10, bias=False)"),
            "tfrust-keras-single-input", List.of("self.test_in = nn.Linear(5, 5)", "self.dense = nn.Linear(5, 5)",
                    "self.test_out = nn.Linear(5, 1)"),
            "tfrust-keras-multiple-inputs", List.of("self.functional_1 = Functional1()",
                    "self.dense = nn.Linear(5, 3)", "self.test_out = nn.Linear(6, 1)",
                    "self.functional_1.dense("),
            "tfjava-python-model", List.of("self.variable = nn.Parameter("),
            "tfnet-lstm", List.of("self.lstm = nn.LSTM(3, 32, batch_first=True)", "self.dense = nn.Linear(32, 1)"),
            "tfnet-conv1d-inference", List.of("self.conv = nn.Conv1d(2, 16, kernel_size=(3,), stride=(8,))"));

    @TempDir
    Path tmp;

    static List<String> models() { return LAYERS.keySet().stream().sorted().toList(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void layersAreNamedSubmodulesAndTrainableCountsMatch(String name) throws Exception {
        Path model = Corpus.savedModel(name);
        String python = Corpus.python();
        Map<String, Object> cj = Json.parseObject(Files.readString(model.resolve("case.json"), StandardCharsets.UTF_8));
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("convert", model.toString(), "--signature", (String) cj.get("signature"),
                "-o", out.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        String py = Files.readString(out.resolve("model.py"), StandardCharsets.UTF_8);
        for (String line : LAYERS.get(name)) assertTrue(py.contains(line), "missing '" + line + "' in\n" + py);
        assertFalse(py.contains("register_buffer(\"const_"), "a weight became a constant:\n" + py);

        Path script = tmp.resolve("count.py");
        Files.writeString(script, COUNT, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(python, script.toString(), out.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        assertEquals(Long.toString(trainableInObjectGraph(model)), text.strip(), "trainable elements of " + name);
    }

    /** Sum of the sizes of the variables the object graph marks trainable (optimizer and metric state is not). */
    static long trainableInObjectGraph(Path model) throws IOException {
        long total = 0;
        for (SavedObject o : SavedModelLoader.read(model).getMetaGraphs(0).getObjectGraphDef().getNodesList()) {
            if (!o.hasVariable() || !o.getVariable().getTrainable()) continue;
            long n = 1;
            for (TensorShapeProto.Dim d : o.getVariable().getShape().getDimList()) n *= d.getSize();
            total += n;
        }
        return total;
    }

    /** Loads model.py with its weights (strict) and prints the trainable element count. */
    static final String COUNT = """
            import importlib.util, json, os, struct, sys
            import numpy as np
            import torch
            out = sys.argv[1]
            spec = importlib.util.spec_from_file_location("m", os.path.join(out, "model.py"))
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            cls = [v for k, v in vars(mod).items() if isinstance(v, type) and issubclass(v, torch.nn.Module)
                   and v.__module__ == "m"][-1]
            model = cls()
            types = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32}
            with open(os.path.join(out, "model.safetensors"), "rb") as f:
                n = struct.unpack("<Q", f.read(8))[0]
                header = json.loads(f.read(n))
                data = f.read()
            state = {}
            for key, v in header.items():
                if key == "__metadata__":
                    continue
                a, b = v["data_offsets"]
                state[key] = torch.from_numpy(np.frombuffer(data[a:b], dtype=types[v["dtype"]]).reshape(v["shape"]).copy())
            model.load_state_dict(state, strict=True)
            print(sum(p.numel() for p in model.parameters() if p.requires_grad))
            """;
}
