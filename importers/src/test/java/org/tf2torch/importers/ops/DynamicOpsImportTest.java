package org.tf2torch.importers.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;
import org.tf2torch.ir.text.IrPrinter;

/** Translation of the data-dependent ops (Where, Unique, ListDiff, Bincount, ...) and of TF1 cond deadness. */
class DynamicOpsImportTest {
    @TempDir
    Path tmp;

    private static AttrValue type(DataType t) { return AttrValue.newBuilder().setType(t).build(); }

    private static NodeDef.Builder node(String name, String op, String... inputs) {
        NodeDef.Builder b = NodeDef.newBuilder().setName(name).setOp(op);
        for (String i : inputs) b.addInput(i);
        return b;
    }

    private static NodeDef placeholder(String name, DataType t, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        return node(name, "Placeholder").putAttr("dtype", type(t))
                .putAttr("shape", AttrValue.newBuilder().setShape(s).build()).build();
    }

    private static NodeDef ints(String name, int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) b.putInt(x);
        TensorProto t = TensorProto.newBuilder().setDtype(DataType.DT_INT32)
                .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(v.length)))
                .setTensorContent(ByteString.copyFrom(b.array())).build();
        return node(name, "Const").putAttr("dtype", type(DataType.DT_INT32))
                .putAttr("value", AttrValue.newBuilder().setTensor(t).build()).build();
    }

    private Graph load(List<String> outputs, NodeDef... nodes) throws Exception {
        Path pb = tmp.resolve("model.pb");
        Files.write(pb, GraphDef.newBuilder().addAllNode(List.of(nodes)).build().toByteArray());
        return ModelImporter.load(pb, ImportOptions.defaults().withOutputs(outputs)).graph();
    }

    @Test
    void listDiffOfConstantsIsAConstant() throws Exception {
        // tensordot's free axes feed a transpose perm, which must be static
        Graph g = load(List.of("d:0", "d:1"), ints("x", 0, 1, 2, 3), ints("y", 3, 1),
                node("d", "ListDiff", "x", "y").putAttr("T", type(DataType.DT_INT32))
                        .putAttr("out_idx", type(DataType.DT_INT64)).build());
        Value out = g.outputs().get("d:0");
        Value idx = g.outputs().get("d:1");
        assertTrue(out.isConstant() && idx.isConstant(), IrPrinter.print(g));
        assertArrayEquals(new long[] {0, 2}, TensorValues.toLongs(out.constantValue()));
        assertEquals("i64[2]", idx.type().toString());
        assertArrayEquals(new long[] {0, 2}, TensorValues.toLongs(idx.constantValue()));
    }

    @Test
    void listDiffAtRunTimeSelectsWithNonZero() throws Exception {
        Graph g = load(List.of("d:0", "d:1"), placeholder("x", DataType.DT_INT32, -1), ints("y", 3, 1),
                node("d", "ListDiff", "x", "y").putAttr("T", type(DataType.DT_INT32)).build());
        assertEquals("i32[?]", g.outputs().get("d:0").type().toString());
        assertEquals("i32[?]", g.outputs().get("d:1").type().toString());
        assertTrue(IrPrinter.print(g).contains("non_zero("), IrPrinter.print(g));
    }

    @Test
    void whereWithOneInputGivesCoordinates() throws Exception {
        Graph g = load(List.of("w"), placeholder("m", DataType.DT_BOOL, -1, 3),
                node("w", "Where", "m").putAttr("T", type(DataType.DT_BOOL)).build());
        assertEquals("i64[?,2]", g.outputs().get("w").type().toString());
        String ir = IrPrinter.print(g);
        assertTrue(ir.contains("non_zero(%m)") && ir.contains("perm=[1,0]"), ir);
    }

    @Test
    void uniqueKeepsFirstOccurrenceOrder() throws Exception {
        Graph g = load(List.of("u:0", "u:1", "u:2"), placeholder("x", DataType.DT_FLOAT, 10),
                node("u", "UniqueWithCounts", "x").putAttr("T", type(DataType.DT_FLOAT))
                        .putAttr("out_idx", type(DataType.DT_INT32)).build());
        String ir = IrPrinter.print(g);
        assertTrue(ir.contains("unique(%x) {sorted=false}"), ir);
        assertEquals("f32[?]", g.outputs().get("u:0").type().toString());
        assertEquals("i32[10]", g.outputs().get("u:1").type().toString());
        assertEquals("i32[?]", g.outputs().get("u:2").type().toString());
    }

    @Test
    void constantsUnderADeadBranchDoNotReachTheMerge() throws Exception {
        // is_non_decreasing: cond(size < 2, lambda: [], lambda: x[1:] - x[:-1]) with a constant predicate
        NodeDef pred = node("pred", "Const").putAttr("dtype", type(DataType.DT_BOOL)).putAttr("value",
                AttrValue.newBuilder().setTensor(TensorProto.newBuilder().setDtype(DataType.DT_BOOL).addBoolVal(false)
                        .setTensorShape(TensorShapeProto.newBuilder())).build()).build();
        Graph g = load(List.of("merge"), placeholder("x", DataType.DT_FLOAT, 5), pred,
                node("sw", "Switch", "pred", "pred").build(),
                node("switch_t", "Identity", "sw:1").build(),
                node("xs", "Switch", "x", "pred").build(),
                node("empty", "Const", "^switch_t").putAttr("dtype", type(DataType.DT_FLOAT)).putAttr("value",
                        AttrValue.newBuilder().setTensor(TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
                                .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder()
                                        .setSize(0)))).build()).build(),
                node("neg", "Neg", "xs:0").putAttr("T", type(DataType.DT_FLOAT)).build(),
                node("merge", "Merge", "neg", "empty").build());
        assertEquals("f32[5]", g.outputs().get("merge").type().toString());
        assertFalse(IrPrinter.print(g).contains("where("), IrPrinter.print(g));
    }

    @Test
    void bincountOfUnknownWeightsIsRefused() throws Exception {
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class, () -> load(List.of("b"),
                placeholder("a", DataType.DT_INT32, 4), ints("n", 5), placeholder("w", DataType.DT_FLOAT, -1),
                node("size", "Squeeze", "n").build(),
                node("b", "Bincount", "a", "size", "w").putAttr("T", type(DataType.DT_FLOAT)).build()));
        assertTrue(e.getMessage().contains("empty weights mean counting"), e.getMessage());
    }

    @Test
    void dynamicPartitionAndStitchRoundTrip() throws Exception {
        Graph g = load(List.of("s"), placeholder("data", DataType.DT_FLOAT, 6, 2), placeholder("p", DataType.DT_INT32, 6),
                node("part", "DynamicPartition", "data", "p").putAttr("num_partitions", AttrValue.newBuilder().setI(2)
                        .build()).build(),
                node("range", "Range", "zero", "six", "one").build(),
                node("pos", "DynamicPartition", "range", "p").putAttr("num_partitions", AttrValue.newBuilder().setI(2)
                        .build()).build(),
                scalarInt("zero", 0), scalarInt("six", 6), scalarInt("one", 1),
                node("s", "DynamicStitch", "pos:0", "pos:1", "part:0", "part:1").build());
        assertEquals("f32[?,2]", g.outputs().get("s").type().toString());
        String ir = IrPrinter.print(g);
        assertTrue(ir.contains("scatter_nd(") && ir.contains("reduction=\"max\""), ir);
    }

    private static NodeDef scalarInt(String name, int v) {
        return node(name, "Const").putAttr("dtype", type(DataType.DT_INT32)).putAttr("value", AttrValue.newBuilder()
                .setTensor(TensorProto.newBuilder().setDtype(DataType.DT_INT32).addIntVal(v)
                        .setTensorShape(TensorShapeProto.newBuilder())).build()).build();
    }
}
