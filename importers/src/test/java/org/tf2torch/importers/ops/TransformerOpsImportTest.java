package org.tf2torch.importers.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.DataType;
import org.tf2torch.importers.ImportResult;
import org.tf2torch.importers.UnsupportedOpsException;

/** Einsum, and the training-mode FusedBatchNorm that Keras's fused LayerNormalization is. */
class TransformerOpsImportTest {
    private static final Object[] F32 = {"T", TfGraph.type(DataType.DT_FLOAT), "N", TfGraph.i(2)};

    @Test
    void einsumGetsItsExplicitOutput(@TempDir Path tmp) throws Exception {
        ImportResult r = new TfGraph().placeholder("a", DataType.DT_FLOAT, -1, 3).placeholder("b", DataType.DT_FLOAT, 3, 4)
                .node("e", "Einsum", List.of("a", "b"), F32[0], F32[1], F32[2], F32[3], "equation", TfGraph.s("ij,jk"))
                .load(tmp, "e");
        String ir = TfGraph.ir(r);
        assertTrue(ir.contains("einsum(%a, %b) {equation=\"ij,jk->ik\"} : f32[batch,4]"), ir);
    }

    @Test
    void einsumWithBroadcastBatchDims(@TempDir Path tmp) throws Exception {
        ImportResult r = new TfGraph().placeholder("a", DataType.DT_FLOAT, 2, 1, 5, 3)
                .placeholder("b", DataType.DT_FLOAT, 4, 3, 6)
                .node("e", "Einsum", List.of("a", "b"), F32[0], F32[1], F32[2], F32[3], "equation",
                        TfGraph.s("...ij,...jk->...ik"))
                .load(tmp, "e");
        assertTrue(TfGraph.ir(r).contains(": f32[2,4,5,6]"), TfGraph.ir(r));
    }

    @Test
    void einsumWithANonLetterLabelIsRefused(@TempDir Path tmp) {
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class, () -> new TfGraph()
                .placeholder("a", DataType.DT_FLOAT, 2, 3).placeholder("b", DataType.DT_FLOAT, 3, 4)
                .node("e", "Einsum", List.of("a", "b"), F32[0], F32[1], F32[2], F32[3], "equation", TfGraph.s("i1,1k->ik"))
                .load(tmp, "e"));
        assertTrue(e.getMessage().contains("Einsum"), e.getMessage());
    }

    @Test
    void trainingBatchNormOfOneNchwSampleIsALayerNorm(@TempDir Path tmp) throws Exception {
        ImportResult r = new TfGraph().placeholder("x", DataType.DT_FLOAT, 1, 5, 16, 1)
                .floats("ones", new long[] {5}, 1, 1, 1, 1, 1)
                .floats("zeros", new long[] {5}, 0, 0, 0, 0, 0)
                .floats("empty", new long[] {0})
                .node("bn", "FusedBatchNormV3", List.of("x", "ones", "zeros", "empty", "empty"), "T",
                        TfGraph.type(DataType.DT_FLOAT), "U", TfGraph.type(DataType.DT_FLOAT), "epsilon",
                        TfGraph.f(0.001f), "is_training", TfGraph.b(true), "data_format", TfGraph.s("NCHW"))
                .load(tmp, "bn");
        String ir = TfGraph.ir(r);
        assertTrue(ir.contains("layer_norm(%x) {axis=2, epsilon=0.001"), ir);
        assertFalse(ir.contains("reduce_sum"), "the batch statistics are dead code:\n" + ir);
    }

    @Test
    void trainingBatchNormOfTwoSamplesStaysABatchNorm(@TempDir Path tmp) throws Exception {
        ImportResult r = new TfGraph().placeholder("x", DataType.DT_FLOAT, 2, 5, 16, 1)
                .floats("ones", new long[] {5}, 1, 1, 1, 1, 1)
                .floats("zeros", new long[] {5}, 0, 0, 0, 0, 0)
                .floats("empty", new long[] {0})
                .node("bn", "FusedBatchNormV3", List.of("x", "ones", "zeros", "empty", "empty"), "T",
                        TfGraph.type(DataType.DT_FLOAT), "U", TfGraph.type(DataType.DT_FLOAT), "epsilon",
                        TfGraph.f(0.001f), "is_training", TfGraph.b(true), "data_format", TfGraph.s("NCHW"))
                .load(tmp, "bn");
        assertFalse(TfGraph.ir(r).contains("layer_norm"), TfGraph.ir(r));
    }
}
