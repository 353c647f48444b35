package org.tf2torch.importers.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.MetaGraphDef;

/**
 * Variable paths from real Keras SavedModels' object graphs: layer names from the metadata (in the object graph
 * for Keras 2.3, in keras_metadata.pb for TF 2.11), nested models, no optimizer slots or metric totals, and the
 * top graph's handles bound to the object nodes.
 */
class ModelStructureTest {
    private static Path model(String name) {
        Path here = Path.of("").toAbsolutePath();
        for (Path p : List.of(here.resolveSibling("shared"), here.getParent().resolveSibling("shared"))) {
            Path m = p.resolve("corpus").resolve("savedmodels").resolve(name);
            if (Files.isDirectory(m)) return m;
        }
        if ("true".equals(System.getenv("CI"))) throw new AssertionError("corpus not found (CI=true)");
        Assumptions.abort("SKIPPED: corpus not found");
        return null;
    }

    private static List<String> paths(ModelStructure s) {
        List<String> out = new ArrayList<>();
        for (ModelStructure.ModelVariable v : s.variables().values()) {
            out.add(String.join("/", v.path()) + (v.trainable() ? "" : " (frozen)"));
        }
        return out;
    }

    private static ModelStructure read(Path dir) {
        MetaGraphDef mg = SavedModelLoader.selectMetaGraph(SavedModelLoader.read(dir), "serve", dir);
        return ModelStructure.read(mg, dir);
    }

    @Test
    void nestedFunctionalModelInLayerOrderWithoutOptimizerOrMetrics() {
        ModelStructure s = read(model("tfrust-keras-multiple-inputs"));
        assertEquals(List.of("functional_1/dense/kernel", "functional_1/dense/bias", "test_out/kernel", "test_out/bias"),
                paths(s));
    }

    @Test
    void layerNamesFromKerasMetadataFile() {
        Path dir = model("tfnet-mlp");
        ModelStructure s = read(dir);
        assertEquals(List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"), paths(s));
        Map<Integer, String> meta = ModelStructure.kerasMetadata(dir.resolve("keras_metadata.pb"));
        assertTrue(meta.get(0).contains("\"name\": \"model\""), meta.get(0));
        Integer kernel = s.nodeOfHandle("dense/kernel");
        assertEquals(List.of("dense", "kernel"), s.variables().get(kernel).path());
    }

    @Test
    void subclassedModelKeepsAttributeNames() {
        assertEquals(List.of("transformer/matrix"), paths(read(model("tfnet-python-func"))));
        assertEquals(List.of("lstm/cell/kernel", "lstm/cell/recurrent_kernel", "lstm/cell/bias", "dense/kernel",
                "dense/bias"), paths(read(model("tfnet-lstm"))));
        assertEquals(List.of("encoder/conv/kernel", "encoder/conv/bias"), paths(read(model("tfnet-conv1d-inference"))));
    }

    @Test
    void tf1ModelHasNoStructure() {
        assertTrue(read(model("tfjava-tf1-model")).variables().isEmpty());
    }
}
