package org.tf2torch.importers.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.DataType;
import org.tf2torch.importers.ImportOptions;
import org.tf2torch.importers.ModelImporter;
import org.tf2torch.importers.UnsupportedOpsException;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Loops;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Verifier;
import org.tf2torch.ir.text.IrPrinter;

class WhileLoopImportTest {
    static final String F = "while/while_context";
    @TempDir Path dir;

    private Graph load(GraphDefBuilder b, String... outputs) throws Exception {
        Graph g = ModelImporter.load(b.write(dir), ImportOptions.defaults().withOutputs(List.of(outputs))).graph();
        Verifier.verify(g);
        return g;
    }

    private static Node onlyLoop(Graph g) {
        List<Node> loops = g.nodes().stream().filter(n -> n.op() == Op.LOOP).toList();
        assertEquals(1, loops.size(), IrPrinter.print(g));
        return loops.get(0);
    }

    /** x counts up to a fed limit (captured through an is_constant Enter); y is carried unchanged. */
    private static GraphDefBuilder counter() {
        GraphDefBuilder b = new GraphDefBuilder();
        b.placeholder("limit", DataType.DT_FLOAT);
        b.scalarF32("zero", 0f).scalarF32("start", 5f);
        b.carried("x", "zero", F, "LoopCond", "add");
        b.carried("y", "start", F, "LoopCond", "y/Identity");
        b.enter("limit/Enter", "limit", F, true);
        b.node("Less", "Less", "x/Merge", "limit/Enter");
        b.node("LoopCond", "LoopCond", "Less");
        b.scalarF32("one", 1f, "^x/Identity");
        b.node("add", "Add", "x/Identity", "one");
        return b;
    }

    @Test
    void counterBecomesOneLoopWithACapture() throws Exception {
        Graph g = load(counter(), "y/Exit", "x/Exit");
        Node loop = onlyLoop(g);
        assertEquals(2, Loops.carried(loop));
        assertEquals(3, loop.inputs().size(), "two initial values and the captured limit");
        assertTrue(loop.input(2).isGraphInput());
        assertEquals(loop.outputs().get(1), g.outputs().get("y/Exit"));
        assertEquals(loop.outputs().get(0), g.outputs().get("x/Exit"));
        String cond = IrPrinter.print(Loops.cond(loop));
        assertTrue(cond.contains("less(%Merge, %limit)"), cond);
        String body = IrPrinter.print(Loops.body(loop));
        assertTrue(body.contains("add(%Merge, %one)"), body);
        assertTrue(body.contains("return \"x/Merge\" = %add, \"y/Merge\" = %Merge_1"), body);
    }

    @Test
    void aCarriedValueThatGrowsGetsAGeneralShape() throws Exception {
        GraphDefBuilder b = new GraphDefBuilder();
        b.scalarF32("zero", 0f).scalarF32("three", 3f);
        b.intsConst("seed", new int[] {1}, new int[] {7});
        b.carried("i", "zero", F, "LoopCond", "inc");
        b.carried("s", "seed", F, "LoopCond", "grow");
        b.enter("three/Enter", "three", F, true);
        b.node("Less", "Less", "i/Merge", "three/Enter");
        b.node("LoopCond", "LoopCond", "Less");
        b.scalarF32("one", 1f, "^i/Identity");
        b.node("inc", "Add", "i/Identity", "one");
        b.intsConst("axis", new int[] {}, new int[] {0}, "^i/Identity");
        b.node("grow", "ConcatV2", "s/Identity", "s/Identity", "axis").putAttr("N",
                org.tensorflow.proto.AttrValue.newBuilder().setI(2).build());
        Graph g = load(b, "s/Exit");
        Node loop = onlyLoop(g);
        assertEquals("i32[?]", Loops.body(loop).inputs().get(1).type().toString());
        assertEquals("i32[?]", g.outputs().get("s/Exit").type().toString());
    }

    /** An output TensorArray written at the loop counter, stacked after the loop (as dynamic_rnn does). */
    private static GraphDefBuilder arrayLoop(boolean dynamic) {
        GraphDefBuilder b = new GraphDefBuilder();
        b.placeholder("x", DataType.DT_FLOAT, 2);
        b.intsConst("size", new int[] {}, new int[] {3}).intsConst("zero", new int[] {}, new int[] {0});
        b.node("ta", "TensorArrayV3", "size").putAttr("dtype", GraphDefBuilder.type(DataType.DT_FLOAT))
                .putAttr("element_shape", GraphDefBuilder.shape(2))
                .putAttr("dynamic_size", org.tensorflow.proto.AttrValue.newBuilder().setB(dynamic).build());
        b.carried("i", "zero", F, "LoopCond", "inc");
        b.carried("acc", "ta:1", F, "LoopCond", "write");
        b.enter("ta/Enter", "ta", F, true);
        b.enter("x/Enter", "x", F, true);
        b.intsConst("n", new int[] {}, new int[] {3}, "^i/Merge");
        b.node("Less", "Less", "i/Merge", "n");
        b.node("LoopCond", "LoopCond", "Less");
        b.node("write", "TensorArrayWriteV3", "ta/Enter", "i/Identity", "x/Enter", "acc/Identity");
        b.intsConst("one", new int[] {}, new int[] {1}, "^i/Identity");
        b.node("inc", "Add", "i/Identity", "one");
        b.intsConst("all", new int[] {3}, new int[] {0, 1, 2});
        b.node("stack", "TensorArrayGatherV3", "ta", "all", "acc/Exit")
                .putAttr("dtype", GraphDefBuilder.type(DataType.DT_FLOAT)).putAttr("element_shape", GraphDefBuilder.shape(2));
        return b;
    }

    @Test
    void tensorArrayIsCarriedAsADenseTensor() throws Exception {
        Graph g = load(arrayLoop(false), "stack");
        Node loop = onlyLoop(g);
        assertEquals("f32[3,2]", Loops.body(loop).inputs().get(1).type().toString());
        assertEquals("f32[3,2]", g.outputs().get("stack").type().toString());
        String body = IrPrinter.print(Loops.body(loop));
        assertTrue(body.contains("where("), body);
    }

    @Test
    void growingArrayWrittenAtARunTimeIndexIsRefused() {
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class, () -> load(arrayLoop(true), "stack"));
        assertTrue(e.getMessage().contains("dynamic_size=true"), e.getMessage());
    }

    @Test
    void loopPlumbingReachedDirectlyIsReported() {
        GraphDefBuilder b = counter();
        b.node("peek", "Identity", "x/NextIteration");
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class, () -> load(b, "peek"));
        assertTrue(e.getMessage().contains("NextIteration"), e.getMessage());
    }
}
