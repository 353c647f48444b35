package org.tf2torch.importers.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.FileSliceTensor;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;

/** Every real SavedModel's variables in the shared corpus, read and checked end to end. */
class TensorBundleCorpusTest {

    @Test
    void everyEntryParsesMatchesItsSizeAndChecksum() throws Exception {
        List<Path> dirs = Corpus.variablesDirs();
        assertFalse(dirs.isEmpty(), "the corpus has SavedModels with variables");
        int checked = 0;
        for (Path dir : dirs) {
            TensorBundle b = TensorBundle.open(dir);
            assertTrue(b.numShards() >= 1);
            assertFalse(b.keys().isEmpty(), dir + " has variables");
            for (String key : b.keys()) {
                BundleEntry e = b.entry(key);
                assertFalse(e.isSliced(), key);
                b.verifyCrc(key);
                if (e.isString()) {
                    assertFalse(b.stringTensor(key).isEmpty());
                    continue;
                }
                Tensor t = b.tensor(key);
                FileSliceTensor slice = assertInstanceOf(FileSliceTensor.class, t);
                assertEquals(b.shardFile(e.shardId()), slice.file());
                assertEquals(e.offset(), slice.offset());
                assertEquals(e.size(), t.byteSize(), "size of " + key + " in " + dir);
                // The lazy tensor, read in full, is exactly the bytes the checksum covered.
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                t.writeTo(out);
                assertEquals(e.maskedCrc32c(), Crc32c.maskedOf(out.toByteArray(), 0, out.size()), key);
                checked++;
            }
        }
        assertTrue(checked > 50, "checked " + checked + " tensors");
    }

    @Test
    void corpusModelsAreSingleShard() {
        // A fact of the current corpus (no real model here splits its variables); the two-shard path is
        // covered by TensorBundleSyntheticTest.
        for (Path dir : Corpus.variablesDirs()) {
            TensorBundle b = TensorBundle.open(dir);
            assertEquals(1, b.numShards(), dir.toString());
            assertTrue(b.shardFile(0).endsWith("variables.data-00000-of-00001"));
        }
    }

    @Test
    void snappyCompressedIndexesDecode() throws Exception {
        List<String> snappy = new ArrayList<>();
        for (Path dir : Corpus.variablesDirs()) {
            if (TensorBundle.open(dir).snappyBlocks() > 0) snappy.add(dir.getParent().getFileName().toString());
        }
        assertEquals(List.of("serving-half-plus-two-cpu", "serving-half-plus-two-tf2-cpu"), snappy);

        // y = 0.5 x + 2: the values behind the Snappy-compressed index are the model's constants.
        TensorBundle tf1 = TensorBundle.open(Corpus.variablesDir("serving-half-plus-two-cpu"));
        assertEquals(List.of("a", "a2", "b", "c", "c2"), tf1.keys());
        assertEquals(0.5f, scalar(tf1.tensor("a")));
        assertEquals(2.0f, scalar(tf1.tensor("b")));
        TensorBundle tf2 = TensorBundle.open(Corpus.variablesDir("serving-half-plus-two-tf2-cpu"));
        assertEquals(0.5f, scalar(tf2.tensor("a/.ATTRIBUTES/VARIABLE_VALUE")));
        assertEquals(2.0f, scalar(tf2.tensor("b/.ATTRIBUTES/VARIABLE_VALUE")));
    }

    @Test
    void acceptsSavedModelFolderAndIndexFile() {
        Path vars = Corpus.variablesDir("tfnet-mlp");
        List<String> keys = TensorBundle.open(vars).keys();
        assertEquals(keys, TensorBundle.open(vars.getParent()).keys());
        assertEquals(keys, TensorBundle.open(vars.resolve("variables.index")).keys());
        assertEquals(keys, TensorBundle.open(vars.resolve("variables")).keys());
    }

    @Test
    void kerasMlpHasExpectedWeights() {
        TensorBundle b = TensorBundle.open(Corpus.variablesDir("tfnet-mlp"));
        Tensor kernel = b.tensor("layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE");
        assertEquals(DType.F32, kernel.dtype());
        assertEquals(Shape.of(784, 100), kernel.shape());
        assertEquals(Shape.of(10), b.tensor("layer_with_weights-1/bias/.ATTRIBUTES/VARIABLE_VALUE").shape());
    }

    @Test
    void objectGraphNamesOnlyKeysThatExist() {
        int withGraph = 0;
        for (Path dir : Corpus.variablesDirs()) {
            TensorBundle b = TensorBundle.open(dir);
            if (!b.contains(TensorBundle.OBJECT_GRAPH_KEY)) {
                assertTrue(b.objectGraph().isEmpty());
                continue;
            }
            TrackableObjectGraph g = b.objectGraph().orElseThrow();
            withGraph++;
            assertTrue(g.getNodesCount() > 0);
            int attributes = 0;
            for (TrackableObjectGraph.TrackableObject node : g.getNodesList()) {
                for (TrackableObjectGraph.TrackableObject.SerializedTensor a : node.getAttributesList()) {
                    assertTrue(b.contains(a.getCheckpointKey()), dir + ": " + a.getCheckpointKey());
                    attributes++;
                }
            }
            // Every variable but the graph itself is some object's attribute.
            assertEquals(b.keys().size() - 1, attributes, dir.toString());
        }
        assertEquals(9, withGraph, "TF2 SavedModels in the corpus");
    }

    @Test
    void tf1ModelsHaveNoObjectGraph() {
        for (String name : List.of("serving-counter", "serving-half-plus-two-cpu", "tf2onnx-regression",
                "tfjava-tf1-model")) {
            assertTrue(TensorBundle.open(Corpus.variablesDir(name)).objectGraph().isEmpty(), name);
        }
    }

    private static float scalar(Tensor t) throws Exception {
        ByteBuffer b = t.read();
        assertEquals(4, b.remaining());
        return b.getFloat(0);
    }
}
