package org.tf2torch.importers.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.tf2torch.ir.Op;

/** CheckNumerics, DeepCopy, CompareAndBitpack, MirrorPad SYMMETRIC, FakeQuant and training-mode batch norm. */
class MiscOpsTest {
    @Test
    void fakeQuantNudgesLikeTf() {
        // The range maps onto the grid unchanged: scale 1, zero point 127.
        FakeQuantOps.Nudged n = FakeQuantOps.nudge(-127f, 128f, 0, 255);
        assertEquals(-127f, n.min());
        assertEquals(128f, n.max());
        assertEquals(1f, n.scale());
        // Zero point 0.4 rounds down: the range moves up by 0.1.
        n = FakeQuantOps.nudge(-0.1f, 63.65f, 0, 255);
        assertEquals(0.25f, n.scale());
        assertEquals(0f, n.min());
        assertEquals(63.75f, n.max());
        // Zero point 0.5 rounds away from zero, to 1.
        n = FakeQuantOps.nudge(-0.125f, 63.625f, 0, 255);
        assertEquals(-0.25f, n.min());
        assertEquals(63.5f, n.max());
        // narrow_range: the grid starts at 1.
        n = FakeQuantOps.nudge(-0.1f, 63.4f, 1, 255);
        assertEquals(0f, n.min());
        assertEquals(63.5f, n.max());
    }

    @Test
    void roundingIsHalfAwayFromZeroWithoutTheFloatAdditionTrap() {
        assertEquals(1f, FakeQuantOps.roundHalfAway(0.5f));
        assertEquals(3f, FakeQuantOps.roundHalfAway(2.5f));
        assertEquals(-1f, FakeQuantOps.roundHalfAway(-0.5f));
        // 0.49999997f + 0.5f rounds to 1 in float arithmetic; std::round gives 0.
        assertEquals(0f, FakeQuantOps.roundHalfAway(0.49999997f));
    }

    @Test
    void zeroPointsTfWouldWrapInAUint8AreRefused() {
        TranslationException e = assertThrows(TranslationException.class,
                () -> FakeQuantOps.nudge(-1000f, 1f, 0, 65535));
        assertTrue(e.getMessage().contains("uint8"), e.getMessage());
    }

    @Test
    void symmetricPadRepeatsTheBorder() {
        assertArrayEquals(new long[] {1, 0, 0, 1, 2, 2, 1}, MirrorPads.indices(3, 2, 2));
        assertArrayEquals(new long[] {0, 0}, MirrorPads.indices(1, 1, 0));
    }

    @Test
    void mirrorPadSymmetricBecomesGathers(@TempDir Path tmp) throws Exception {
        ImportResult r = new TfGraph().placeholder("x", DataType.DT_FLOAT, 2, 3)
                .ints("p", new long[] {2, 2}, 1, 1, 0, 2)
                .node("pad", "MirrorPad", List.of("x", "p"), "T", TfGraph.type(DataType.DT_FLOAT), "mode",
                        TfGraph.s("SYMMETRIC"))
                .load(tmp, "pad");
        String ir = TfGraph.ir(r);
        assertTrue(ir.contains("gather(%x, "), ir);
        assertTrue(ir.contains(": f32[4,5]"), ir);
    }

    @Test
    void checkNumericsKeepsTheMessageAndDeepCopyIsTheValue(@TempDir Path tmp) throws Exception {
        ImportResult r = new TfGraph().placeholder("x", DataType.DT_FLOAT, 3)
                .node("copy", "DeepCopy", List.of("x"), "T", TfGraph.type(DataType.DT_FLOAT))
                .node("check", "CheckNumerics", List.of("copy"), "T", TfGraph.type(DataType.DT_FLOAT), "message",
                        TfGraph.s("bad logits"))
                .load(tmp, "check");
        String ir = TfGraph.ir(r);
        assertTrue(ir.contains("check_finite(%x) {message=\"bad logits : Tensor had NaN or Inf values"), ir);
        assertEquals(1, r.graph().nodes().stream().filter(n -> n.op() == Op.CHECK_FINITE).count());
    }

    @Test
    void compareAndBitpackPacksEightComparisonsPerByte(@TempDir Path tmp) throws Exception {
        ImportResult r = new TfGraph().placeholder("x", DataType.DT_FLOAT, -1, 16)
                .floats("t", new long[0], 0.5f)
                .node("pack", "CompareAndBitpack", List.of("x", "t"), "T", TfGraph.type(DataType.DT_FLOAT))
                .load(tmp, "pack");
        String ir = TfGraph.ir(r);
        assertTrue(ir.contains("greater(%x, "), ir);
        assertTrue(ir.contains("reduce_sum("), ir);
        assertTrue(ir.contains("reduce_sum(%pack_5) {axes=[-1], keepdims=false} : u8[batch,2]"), ir);
        assertThrows(UnsupportedOpsException.class, () -> new TfGraph().placeholder("x", DataType.DT_FLOAT, 2, 12)
                .floats("t", new long[0], 0.5f)
                .node("pack", "CompareAndBitpack", List.of("x", "t"), "T", TfGraph.type(DataType.DT_FLOAT))
                .load(tmp, "pack"));
    }

    @Test
    void fakeQuantVarsNudgesInTheGraphAndArgsAsConstants(@TempDir Path tmp) throws Exception {
        ImportResult vars = new TfGraph().placeholder("x", DataType.DT_FLOAT, 4)
                .placeholder("lo", DataType.DT_FLOAT).placeholder("hi", DataType.DT_FLOAT)
                .node("q", "FakeQuantWithMinMaxVars", List.of("x", "lo", "hi"), "num_bits", TfGraph.i(8))
                .load(tmp, "q");
        String ir = TfGraph.ir(vars);
        assertTrue(ir.contains("where("), ir);
        assertTrue(ir.contains("floor("), ir);
        ImportResult args = new TfGraph().placeholder("x", DataType.DT_FLOAT, 4)
                .node("q", "FakeQuantWithMinMaxArgs", List.of("x"), "min", TfGraph.f(-0.1f), "max",
                        TfGraph.f(63.65f), "num_bits", TfGraph.i(8))
                .load(tmp, "q");
        ir = TfGraph.ir(args);
        assertFalse(ir.contains("where("), ir);
        assertTrue(ir.contains("63.75"), ir);
        assertThrows(UnsupportedOpsException.class, () -> new TfGraph().placeholder("x", DataType.DT_FLOAT, 4)
                .placeholder("lo", DataType.DT_FLOAT).placeholder("hi", DataType.DT_FLOAT)
                .node("q", "FakeQuantWithMinMaxVars", List.of("x", "lo", "hi"), "num_bits", TfGraph.i(12))
                .load(tmp, "q"));
    }

    @Test
    void trainingBatchNormUsesBatchStatistics(@TempDir Path tmp) throws Exception {
        ImportResult r = new TfGraph().placeholder("x", DataType.DT_FLOAT, -1, 2, 2, 3)
                .floats("scale", new long[] {3}, 1f, 2f, 3f).floats("offset", new long[] {3}, 0f, 0f, 1f)
                .floats("none", new long[] {0})
                .node("bn", "FusedBatchNormV3", List.of("x", "scale", "offset", "none", "none"), "T",
                        TfGraph.type(DataType.DT_FLOAT), "U", TfGraph.type(DataType.DT_FLOAT), "is_training",
                        TfGraph.b(true), "epsilon", TfGraph.f(0.001f), "data_format", TfGraph.s("NHWC"))
                .load(tmp, "bn:0", "bn:1", "bn:2");
        String ir = TfGraph.ir(r);
        assertTrue(ir.contains("reduce_sum(%x) {axes=[0,1,2], keepdims=true}"), ir);
        // The batch is dynamic, so the count per channel is read from the shape.
        assertTrue(ir.contains("reduce_prod("), ir);
        assertEquals(3, r.graph().outputs().size());
    }
}
