package org.tf2torch.importers.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tf2torch.importers.ImportOptions;
import org.tf2torch.importers.ModelImporter;
import org.tf2torch.importers.UnsupportedOpsException;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Loops;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Verifier;
import org.tf2torch.ir.text.IrPrinter;

class FunctionalWhileImportTest {
    private static final DataType I32 = DataType.DT_INT32;
    private static final DataType F32 = DataType.DT_FLOAT;
    private static final DataType VARIANT = DataType.DT_VARIANT;
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

    /** A function over loop variables {@code args} (named {@code <arg>}) returning {@code rets} in order. */
    static FunctionDef.Builder function(String name, String[] args, DataType[] types, String[] outs,
                                                DataType[] outTypes, String... rets) {
        OpDef.Builder sig = OpDef.newBuilder().setName(name);
        for (int k = 0; k < args.length; k++) sig.addInputArg(OpDef.ArgDef.newBuilder().setName(args[k]).setType(types[k]));
        FunctionDef.Builder f = FunctionDef.newBuilder();
        for (int k = 0; k < outs.length; k++) {
            sig.addOutputArg(OpDef.ArgDef.newBuilder().setName(outs[k]).setType(outTypes[k]));
            f.putRet(outs[k], rets[k]);
        }
        return f.setSignature(sig);
    }

    static NodeDef.Builder fnode(FunctionDef.Builder f, String name, String op, DataType t, String... in) {
        NodeDef.Builder n = f.addNodeDefBuilder().setName(name).setOp(op);
        for (String i : in) n.addInput(i);
        if (t != null) n.putAttr("T", GraphDefBuilder.type(t));
        return n;
    }

    private static void fconst(FunctionDef.Builder f, String name, int[] shape, int... values) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (int d : shape) s.addDimBuilder().setSize(d);
        TensorProto.Builder t = TensorProto.newBuilder().setDtype(I32).setTensorShape(s);
        for (int v : values) t.addIntVal(v);
        fnode(f, name, "Const", null).putAttr("dtype", GraphDefBuilder.type(I32))
                .putAttr("value", AttrValue.newBuilder().setTensor(t).build());
    }

    private static NodeDef.Builder loop(GraphDefBuilder b, String op, String name, DataType[] types, String... in) {
        NodeDef.Builder n = b.node(name, op, in);
        AttrValue.ListValue.Builder t = AttrValue.ListValue.newBuilder();
        for (DataType d : types) t.addType(d);
        return n.putAttr("T", AttrValue.newBuilder().setList(t).build())
                .putAttr("cond", AttrValue.newBuilder().setFunc(NameAttrList.newBuilder().setName("cond")).build())
                .putAttr("body", AttrValue.newBuilder().setFunc(NameAttrList.newBuilder().setName("body")).build());
    }

    /** cond: i < n, for loop variables (i, n, ...). */
    private static void lessCond(GraphDefBuilder b, String[] args, DataType[] types) {
        FunctionDef.Builder c = function("cond", args, types, new String[] {"go"}, new DataType[] {DataType.DT_BOOL},
                "less:z:0");
        fnode(c, "less", "Less", I32, args[0], args[1]);
        b.library().addFunction(c);
    }

    /** (i, n, x): x doubles n times; n is returned through an Identity, so it is a capture, not carried. */
    private static GraphDefBuilder doubling(String op) {
        GraphDefBuilder b = new GraphDefBuilder();
        String[] args = {"i", "n", "x"};
        DataType[] types = {I32, I32, F32};
        lessCond(b, args, types);
        FunctionDef.Builder body = function("body", args, types, new String[] {"i_out", "n_out", "x_out"}, types,
                "inc:z:0", "n_id:output:0", "twice:z:0");
        fconst(body, "one", new int[] {}, 1);
        fnode(body, "inc", "AddV2", I32, "i", "one:output:0");
        fnode(body, "n_id", "Identity", I32, "n");
        fnode(body, "twice", "AddV2", F32, "x", "x");
        b.library().addFunction(body);
        b.intsConst("zero", new int[] {}, new int[] {0});
        b.placeholder("n", I32);
        b.placeholder("x", F32, 2);
        loop(b, op, "while", types, "zero", "n", "x");
        b.node("x_final", "Identity", "while:2");
        b.node("n_final", "Identity", "while:1");
        return b;
    }

    @Test
    void invariantLoopVariablesBecomeCaptures() throws Exception {
        for (String op : List.of("While", "StatelessWhile")) {
            Graph g = load(doubling(op), "x_final", "n_final");
            Node loop = onlyLoop(g);
            assertEquals(2, Loops.carried(loop), "i and x are carried, n is not");
            assertEquals(3, loop.inputs().size(), "two initial values and the captured n");
            assertTrue(loop.input(2).isGraphInput());
            assertSame(loop.outputs().get(1), g.outputs().get("x_final"));
            assertSame(loop.input(2), g.outputs().get("n_final"), "the While's output for n is its input");
            String body = IrPrinter.print(Loops.body(loop));
            assertTrue(body.contains("add(%x, %x)"), body);
        }
    }

    /** (i, n, list): writes x * i at index i of a reserved list of n elements; then stacks it. */
    private static GraphDefBuilder listLoop(int[] elementShape, int... elementDims) {
        GraphDefBuilder b = new GraphDefBuilder();
        String[] args = {"i", "n", "list", "x"};
        DataType[] types = {I32, I32, VARIANT, F32};
        lessCond(b, args, types);
        FunctionDef.Builder body = function("body", args, types, new String[] {"i_out", "n_out", "list_out", "x_out"},
                types, "inc:z:0", "n", "set:output_handle:0", "x");
        fconst(body, "one", new int[] {}, 1);
        fnode(body, "inc", "AddV2", I32, "i", "one:output:0");
        fnode(body, "fi", "Cast", null, "i").putAttr("SrcT", GraphDefBuilder.type(I32))
                .putAttr("DstT", GraphDefBuilder.type(F32));
        fnode(body, "scaled", "Mul", F32, "x", "fi:y:0");
        fnode(body, "set", "TensorListSetItem", null, "list", "i", "scaled:z:0")
                .putAttr("element_dtype", GraphDefBuilder.type(F32));
        b.library().addFunction(body);
        b.intsConst("zero", new int[] {}, new int[] {0});
        b.intsConst("n", new int[] {}, new int[] {3});
        b.intsConst("element_shape", elementShape, elementDims);
        b.placeholder("x", F32, -1, 2);
        b.node("reserve", "TensorListReserve", "element_shape", "n")
                .putAttr("element_dtype", GraphDefBuilder.type(F32)).putAttr("shape_type", GraphDefBuilder.type(I32));
        loop(b, "StatelessWhile", "while", types, "zero", "n", "reserve", "x");
        b.node("stack", "TensorListStack", "while:2", "element_shape")
                .putAttr("element_dtype", GraphDefBuilder.type(F32));
        b.node("length", "TensorListLength", "while:2");
        b.node("shape", "TensorListElementShape", "while:2").putAttr("shape_type", GraphDefBuilder.type(I32));
        return b;
    }

    @Test
    void aListIsCarriedAsADenseTensorWithTheBatchBroadcastIn() throws Exception {
        Graph g = load(listLoop(new int[] {2}, -1, 2), "stack", "length", "shape");
        Node loop = onlyLoop(g);
        assertEquals("f32[3,?,2]", Loops.body(loop).inputs().get(1).type().toString(), IrPrinter.print(g));
        assertEquals("f32[3,1,2]", loop.input(1).type().toString(), "unknown element dims start at size 1");
        assertEquals("f32[3,?,2]", g.outputs().get("stack").type().toString());
        String body = IrPrinter.print(Loops.body(loop));
        assertTrue(body.contains("where("), body);
        assertTrue(g.outputs().get("length").isConstant(), "the length is static");
        assertEquals("[-1, 2]", java.util.Arrays.toString(
                org.tf2torch.ir.TensorValues.toLongs(g.outputs().get("shape").constantValue())));
    }

    @Test
    void aListOfUnknownElementRankIsRefused() {
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class,
                () -> load(listLoop(new int[] {}, -1), "stack"));
        assertTrue(e.getMessage().contains("element shape is known"), e.getMessage());
    }

    @Test
    void aLoopVariableReturnedUnchangedReadsTheWhilesInput() throws Exception {
        GraphDefBuilder b = doubling("While");
        b.library().getFunctionBuilderList().stream().filter(f -> f.getSignature().getName().equals("body"))
                .findFirst().orElseThrow().putRet("x_out", "x");
        Graph g = load(b, "x_final");
        assertTrue(g.outputs().get("x_final").isGraphInput(), IrPrinter.print(g));
    }

    /** (i, n, list): pushes x onto an empty list n times, then pops the last element after the loop. */
    @Test
    void pushBackInALoopGrowsTheListAndPopBackTakesTheLast() throws Exception {
        GraphDefBuilder b = new GraphDefBuilder();
        String[] args = {"i", "n", "list", "x"};
        DataType[] types = {I32, I32, VARIANT, F32};
        lessCond(b, args, types);
        FunctionDef.Builder body = function("body", args, types, new String[] {"i_out", "n_out", "list_out", "x_out"},
                types, "inc:z:0", "n", "push:output_handle:0", "x");
        fconst(body, "one", new int[] {}, 1);
        fnode(body, "inc", "AddV2", I32, "i", "one:output:0");
        fnode(body, "push", "TensorListPushBack", null, "list", "x")
                .putAttr("element_dtype", GraphDefBuilder.type(F32));
        b.library().addFunction(body);
        b.intsConst("zero", new int[] {}, new int[] {0});
        b.intsConst("n", new int[] {}, new int[] {3});
        b.intsConst("element_shape", new int[] {1}, new int[] {2});
        b.intsConst("max", new int[] {}, new int[] {-1});
        b.placeholder("x", F32, 2);
        b.node("empty", "EmptyTensorList", "element_shape", "max")
                .putAttr("element_dtype", GraphDefBuilder.type(F32)).putAttr("shape_type", GraphDefBuilder.type(I32));
        loop(b, "While", "while", types, "zero", "n", "empty", "x");
        b.node("stack", "TensorListStack", "while:2", "element_shape")
                .putAttr("element_dtype", GraphDefBuilder.type(F32));
        b.node("pop", "TensorListPopBack", "while:2", "element_shape")
                .putAttr("element_dtype", GraphDefBuilder.type(F32));
        b.node("popped", "Identity", "pop:1");
        Graph g = load(b, "stack");
        Node loop = onlyLoop(g);
        assertEquals("f32[?,2]", Loops.body(loop).inputs().get(1).type().toString(), IrPrinter.print(g));
        assertEquals("f32[?,2]", g.outputs().get("stack").type().toString());
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class, () -> load(b, "popped"));
        assertTrue(e.getMessage().contains("static, positive length"), e.getMessage());
    }
}
