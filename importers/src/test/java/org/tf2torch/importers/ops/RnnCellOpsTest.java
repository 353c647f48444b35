package org.tf2torch.importers.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tf2torch.importers.ImportOptions;
import org.tf2torch.importers.ModelImporter;
import org.tf2torch.importers.UnsupportedOpsException;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Value;

/**
 * The lowering of the fused RNN kernels, read off the IR: which gate columns feed which activation, when the
 * forget bias, peepholes and clipping appear, how BlockLSTM's seq_len_max shapes the unrolled steps, and the
 * cases refused. (RnnCellOpsCheckTest in cli compares the numbers with TensorFlow.)
 */
class RnnCellOpsTest {
    static final int B = 2;
    static final int I = 3;
    static final int C = 4;

    @TempDir
    Path tmp;

    @Test
    void lstmBlockCellGatesInIcfoOrderWithPeepholesAndClip() throws Exception {
        Graph g = lstmCell(Map.of("forget_bias", f(2.0f), "cell_clip", f(0.5f), "use_peephole", b(true)));
        assertEquals(7, g.outputs().size());
        for (Value v : g.outputs().values()) assertEquals(Shape.of(B, C), v.shape());
        assertEquals(1, count(g, Op.MATMUL));
        assertEquals(3, count(g, Op.SIGMOID), "i, f and o");
        assertEquals(2, count(g, Op.TANH), "ci and co");
        Node clip = only(g, Op.CLIP);
        assertEquals(-0.5, clip.attrs().f("min"));
        assertEquals(0.5, clip.attrs().f("max"));
        // ICFO: i = [0, C), ci = [C, 2C), f = [2C, 3C), o = [3C, 4C)
        assertEquals(Op.SIGMOID, activationOfGate(g, 0));
        assertEquals(Op.TANH, activationOfGate(g, C));
        assertEquals(Op.SIGMOID, activationOfGate(g, 2 * C));
        assertEquals(Op.SIGMOID, activationOfGate(g, 3 * C));
        assertTrue(forgetBiasOn(g, 2 * C, 2.0), "the forget bias is added to the f columns");
        assertEquals(6, count(g, Op.MUL), "three peephole products besides i·ci, f·cs_prev and o·co");
    }

    @Test
    void clippingOnlyForPositiveCellClipWithDefaultThree() throws Exception {
        assertEquals(0, count(lstmCell(Map.of("cell_clip", f(-1.0f))), Op.CLIP));
        assertEquals(0, count(lstmCell(Map.of("cell_clip", f(0.0f))), Op.CLIP));
        Node clip = only(lstmCell(Map.of()), Op.CLIP);
        assertEquals(3.0, clip.attrs().f("max"), "LSTMBlockCell's cell_clip defaults to 3");
        assertEquals(3, count(lstmCell(Map.of("cell_clip", f(-1.0f))), Op.MUL), "no peephole products by default");
    }

    @Test
    void blockLstmV2UsesIfcoWithoutForgetBiasOrDefaultClip() throws Exception {
        Graph g = blockLstm("BlockLSTMV2", 4, constI64("seq", 4), Map.of());
        // IFCO: f = [C, 2C) goes straight into its sigmoid; ci = [2C, 3C) into tanh
        Node fSlice = gateSlice(g, C).get(0);
        Node user = fSlice.output().uses().get(0).user();
        assertEquals(Op.SIGMOID, user.op(), "no forget bias in BlockLSTMV2");
        assertEquals(Op.TANH, activationOfGate(g, 2 * C));
        assertEquals(0, count(g, Op.CLIP), "BlockLSTMV2's cell_clip defaults to 0");
        assertEquals(4, count(g, Op.MATMUL), "one step per time step");
        for (Value v : g.outputs().values()) assertEquals(Shape.of(4, B, C), v.shape());
    }

    @Test
    void blockLstmStopsAtConstantSeqLenMaxAndPadsWithZeros() throws Exception {
        Graph g = blockLstm("BlockLSTM", 4, constI64("seq", 2), Map.of("cell_clip", f(-1.0f)));
        assertEquals(2, count(g, Op.MATMUL));
        assertEquals(0, count(g, Op.WHERE));
        for (Node pad : nodes(g, Op.PAD)) assertArrayEquals(new long[] {0, 0, 0, 2, 0, 0}, pad.attrs().ints("pads"));
        assertEquals(7, count(g, Op.PAD));
        for (Value v : g.outputs().values()) assertEquals(Shape.of(4, B, C), v.shape());

        Graph none = blockLstm("BlockLSTM", 4, constI64("seq", 0), Map.of());
        assertEquals(0, count(none, Op.MATMUL));
        for (Value v : none.outputs().values()) assertEquals(Shape.of(4, B, C), v.shape());
    }

    @Test
    void blockLstmMasksStepsPastARunTimeSeqLenMax() throws Exception {
        NodeDef seq = placeholder("seq", DataType.DT_INT64);
        Graph g = blockLstm("BlockLSTM", 3, seq, Map.of());
        assertEquals(3, count(g, Op.MATMUL));
        assertEquals(3, count(g, Op.LESS), "one validity test per step");
        assertEquals(3 * 7, count(g, Op.WHERE), "every result of every step is masked");
    }

    @Test
    void blockLstmRefusals() throws Exception {
        assertRefused(() -> blockLstm("BlockLSTM", 4, constI64("seq", 5), Map.of()), "between 0 and the time length 4");
        assertRefused(() -> blockLstm("BlockLSTM", RnnCellOps.MAX_UNROLLED_STEPS + 1,
                constI64("seq", RnnCellOps.MAX_UNROLLED_STEPS + 1), Map.of()), "unrolled");
        assertRefused(() -> blockLstm("BlockLSTM", -1, constI64("seq", 2), Map.of()), "time dimension of x must be static");
    }

    @Test
    void gruBlockCell() throws Exception {
        List<NodeDef> nodes = new ArrayList<>(List.of(placeholder("x", DataType.DT_FLOAT, B, I),
                placeholder("h", DataType.DT_FLOAT, B, C), constF("w_ru", I + C, 2 * C), constF("w_c", I + C, C),
                constF("b_ru", 2 * C), constF("b_c", C)));
        nodes.add(op("GRUBlockCell", "cell", List.of("x", "h", "w_ru", "w_c", "b_ru", "b_c"), Map.of()));
        Graph g = load(nodes, 4, "cell");
        for (Value v : g.outputs().values()) assertEquals(Shape.of(B, C), v.shape());
        assertEquals(2, count(g, Op.MATMUL));
        assertEquals(Op.SIGMOID, activationOfGate(g, 0), "r");
        assertEquals(Op.SIGMOID, activationOfGate(g, C), "u");
        assertEquals(1, count(g, Op.SUB), "h = u·(h_prev − c) + c");
    }

    // ---- graph building ----

    private Graph lstmCell(Map<String, AttrValue> attrs) throws Exception {
        List<NodeDef> nodes = new ArrayList<>(List.of(placeholder("x", DataType.DT_FLOAT, B, I),
                placeholder("cs", DataType.DT_FLOAT, B, C), placeholder("h", DataType.DT_FLOAT, B, C)));
        nodes.addAll(lstmWeights());
        nodes.add(op("LSTMBlockCell", "cell", List.of("x", "cs", "h", "w", "wci", "wcf", "wco", "b"), attrs));
        return load(nodes, 7, "cell");
    }

    private Graph blockLstm(String opName, int time, NodeDef seq, Map<String, AttrValue> attrs) throws Exception {
        List<NodeDef> nodes = new ArrayList<>(List.of(seq, placeholder("x", DataType.DT_FLOAT, time, B, I),
                placeholder("cs", DataType.DT_FLOAT, B, C), placeholder("h", DataType.DT_FLOAT, B, C)));
        nodes.addAll(lstmWeights());
        nodes.add(op(opName, "lstm", List.of("seq", "x", "cs", "h", "w", "wci", "wcf", "wco", "b"), attrs));
        return load(nodes, 7, "lstm");
    }

    private static List<NodeDef> lstmWeights() {
        return List.of(constF("w", I + C, 4 * C), constF("wci", C), constF("wcf", C), constF("wco", C), constF("b", 4 * C));
    }

    private Graph load(List<NodeDef> nodes, int results, String node) throws Exception {
        Path pb = Files.createTempFile(tmp, "g", ".pb");
        Files.write(pb, GraphDef.newBuilder().addAllNode(nodes).build().toByteArray());
        List<String> outs = new ArrayList<>();
        for (int k = 0; k < results; k++) outs.add(node + ":" + k);
        return ModelImporter.load(pb, ImportOptions.defaults().withOutputs(outs)).graph();
    }

    private static NodeDef placeholder(String name, DataType dt, long... shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : shape) s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        return NodeDef.newBuilder().setName(name).setOp("Placeholder")
                .putAttr("dtype", AttrValue.newBuilder().setType(dt).build())
                .putAttr("shape", AttrValue.newBuilder().setShape(s).build()).build();
    }

    private static NodeDef constF(String name, long... shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        long n = 1;
        for (long d : shape) {
            s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
            n *= d;
        }
        TensorProto.Builder t = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(s);
        for (long k = 0; k < n; k++) t.addFloatVal(0.01f * (k % 17) - 0.05f);
        return NodeDef.newBuilder().setName(name).setOp("Const")
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(t).build()).build();
    }

    private static NodeDef constI64(String name, long v) {
        TensorProto t = TensorProto.newBuilder().setDtype(DataType.DT_INT64)
                .setTensorShape(TensorShapeProto.newBuilder()).addInt64Val(v).build();
        return NodeDef.newBuilder().setName(name).setOp("Const")
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_INT64).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(t).build()).build();
    }

    private static NodeDef op(String type, String name, List<String> inputs, Map<String, AttrValue> attrs) {
        return NodeDef.newBuilder().setName(name).setOp(type).addAllInput(inputs).putAllAttr(attrs)
                .putAttr("T", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build()).build();
    }

    private static AttrValue f(float v) { return AttrValue.newBuilder().setF(v).build(); }

    private static AttrValue b(boolean v) { return AttrValue.newBuilder().setB(v).build(); }

    // ---- reading the IR ----

    private static List<Node> nodes(Graph g, Op op) {
        return g.nodes().stream().filter(n -> n.op() == op).toList();
    }

    private static int count(Graph g, Op op) { return nodes(g, op).size(); }

    private static Node only(Graph g, Op op) {
        List<Node> ns = nodes(g, op);
        assertEquals(1, ns.size(), "one " + op);
        return ns.get(0);
    }

    /** The column slices of the gate block that start at {@code start}. */
    private static List<Node> gateSlice(Graph g, long start) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes(g, Op.SLICE)) {
            if (n.attrs().ints("axes")[0] == 1 && n.attrs().ints("starts")[0] == start) out.add(n);
        }
        assertTrue(!out.isEmpty(), "a gate slice from column " + start);
        return out;
    }

    /** The activation a gate's columns end in, through any adds (forget bias, peepholes). */
    private static Op activationOfGate(Graph g, long start) {
        Node n = gateSlice(g, start).get(0);
        while (true) {
            Node user = n.output().uses().get(0).user();
            if (user.op() != Op.ADD) return user.op();
            n = user;
        }
    }

    private static boolean forgetBiasOn(Graph g, long start, double bias) {
        Node add = gateSlice(g, start).get(0).output().uses().get(0).user();
        if (add.op() != Op.ADD) return false;
        Value other = add.input(1);
        return other.isConstant()
                && org.tf2torch.ir.TensorValues.toDoubles(other.constantValue())[0] == bias;
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable load, String why) {
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class, load);
        assertTrue(e.report().format().contains(why), e.report().format());
    }
}
