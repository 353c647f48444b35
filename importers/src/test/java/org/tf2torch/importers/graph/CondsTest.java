package org.tf2torch.importers.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tf2torch.importers.ImportResult;
import org.tf2torch.importers.UnsupportedOpsException;
import org.tf2torch.importers.ops.TfGraph;
import org.tf2torch.ir.Op;

/** TF1 conds as tf.cond builds them: Switch per captured tensor, pivots for branch constants, Merge per cond. */
class CondsTest {
    private static final AttrValue F32 = TfGraph.type(DataType.DT_FLOAT);
    private static final AttrValue BOOL = TfGraph.type(DataType.DT_BOOL);

    /** x < 0 ? x * 2 : (x < 1 ? -x : x + 3), the inner cond inside the outer false branch. */
    private static TfGraph nested() {
        return new TfGraph().placeholder("x", DataType.DT_FLOAT)
                .floats("zero", new long[0], 0f).floats("one", new long[0], 1f)
                .node("p1", "Less", List.of("x", "zero"), "T", F32)
                .node("p2", "Less", List.of("x", "one"), "T", F32)
                .node("c/Switch", "Switch", List.of("p1", "p1"), "T", BOOL)
                .node("c/switch_t", "Identity", List.of("c/Switch:1"), "T", BOOL)
                .node("c/switch_f", "Identity", List.of("c/Switch"), "T", BOOL)
                .node("c/x", "Switch", List.of("x", "p1"), "T", F32)
                .floats("c/two", new long[0], 2f)
                .node("c/mul", "Mul", List.of("c/x:1", "c/two_pivoted"), "T", F32)
                .node("c/two_pivoted", "Identity", List.of("c/two", "^c/switch_t"), "T", F32)
                .node("c/p2", "Switch", List.of("p2", "p1"), "T", BOOL)
                .node("c/c/Switch", "Switch", List.of("c/p2", "c/p2"), "T", BOOL)
                .node("c/c/switch_f", "Identity", List.of("c/c/Switch"), "T", BOOL)
                .node("c/c/x", "Switch", List.of("c/x", "c/p2"), "T", F32)
                .node("c/c/neg", "Neg", List.of("c/c/x:1"), "T", F32)
                .node("c/c/three", "Const", List.of("^c/c/switch_f"), "dtype", F32, "value",
                        AttrValue.newBuilder().setTensor(org.tensorflow.proto.TensorProto.newBuilder()
                                .setDtype(DataType.DT_FLOAT).addFloatVal(3f)).build())
                .node("c/c/add", "AddV2", List.of("c/c/x", "c/c/three"), "T", F32)
                .node("c/c/Merge", "Merge", List.of("c/c/add", "c/c/neg"), "T", F32, "N", TfGraph.i(2))
                .node("c/Merge", "Merge", List.of("c/c/Merge", "c/mul"), "T", F32, "N", TfGraph.i(2));
    }

    @Test
    void nestedCondsWithRunTimePredicatesSelectWithWhere(@TempDir Path tmp) throws Exception {
        ImportResult r = nested().load(tmp, "c/Merge");
        String ir = TfGraph.ir(r);
        assertEquals(2, r.graph().nodes().stream().filter(n -> n.op() == Op.WHERE).count(), ir);
        assertTrue(ir.contains("where(%p2, "), ir);
        assertTrue(ir.contains("where(%p1, %c_mul, "), ir);
    }

    @Test
    void aMergeOfTwoDifferentCondsIsRefused(@TempDir Path tmp) throws Exception {
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class, () -> nested()
                .node("bad", "Merge", List.of("c/c/neg", "c/mul"), "T", F32, "N", TfGraph.i(2))
                .load(tmp, "bad"));
        assertTrue(e.getMessage().contains("Merge"), e.getMessage());
    }

    /** A constant predicate prunes; branch constants under the dead pivot die with it. */
    @Test
    void constantPredicatesPruneThroughPivots(@TempDir Path tmp) throws Exception {
        ImportResult r = new TfGraph().placeholder("x", DataType.DT_FLOAT, 3)
                .constant("p", DataType.DT_BOOL, new long[0], new byte[] {0})
                .node("c/Switch", "Switch", List.of("p", "p"), "T", BOOL)
                .node("c/switch_t", "Identity", List.of("c/Switch:1"), "T", BOOL)
                .node("c/switch_f", "Identity", List.of("c/Switch"), "T", BOOL)
                .node("c/t", "Const", List.of("^c/switch_t"), "dtype", F32, "value",
                        AttrValue.newBuilder().setTensor(org.tensorflow.proto.TensorProto.newBuilder()
                                .setDtype(DataType.DT_FLOAT).addFloatVal(7f)).build())
                .node("c/x", "Switch", List.of("x", "p"), "T", F32)
                .node("c/f", "Neg", List.of("c/x"), "T", F32)
                .node("c/Merge", "Merge", List.of("c/f", "c/t"), "T", F32, "N", TfGraph.i(2))
                .load(tmp, "c/Merge");
        String ir = TfGraph.ir(r);
        assertFalse(ir.contains("where("), ir);
        assertTrue(ir.contains("neg(%x)"), ir);
    }
}
