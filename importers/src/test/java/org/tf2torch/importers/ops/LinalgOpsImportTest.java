package org.tf2torch.importers.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorShapeProto;
import org.tf2torch.importers.ImportOptions;
import org.tf2torch.importers.ModelImporter;
import org.tf2torch.importers.UnsupportedOpsException;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;
import org.tf2torch.ir.text.IrPrinter;

/** The TF linear-algebra and special-function nodes as IR: attributes, result order, dtypes and refusals. */
class LinalgOpsImportTest {
    @TempDir
    Path tmp;

    private static AttrValue type(DataType t) { return AttrValue.newBuilder().setType(t).build(); }

    private static AttrValue bool(boolean b) { return AttrValue.newBuilder().setB(b).build(); }

    private static NodeDef.Builder node(String name, String op, DataType t, String... inputs) {
        NodeDef.Builder b = NodeDef.newBuilder().setName(name).setOp(op).putAttr("T", type(t));
        for (String i : inputs) b.addInput(i);
        return b;
    }

    private static NodeDef placeholder(String name, DataType t, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        return NodeDef.newBuilder().setName(name).setOp("Placeholder").putAttr("dtype", type(t))
                .putAttr("shape", AttrValue.newBuilder().setShape(s).build()).build();
    }

    private Graph load(List<String> outputs, NodeDef... nodes) throws Exception {
        Path pb = tmp.resolve("model.pb");
        Files.write(pb, GraphDef.newBuilder().addAllNode(List.of(nodes)).build().toByteArray());
        return ModelImporter.load(pb, ImportOptions.defaults().withOutputs(outputs)).graph();
    }

    private static Node producer(Graph g, String output) { return g.outputs().get(output).producer(); }

    @Test
    void luPermutationTakesTheRequestedIndexType() throws Exception {
        Graph g = load(List.of("lu:0", "lu:1"), placeholder("x", DataType.DT_FLOAT, 2, 3, 3),
                node("lu", "Lu", DataType.DT_FLOAT, "x").build());
        assertEquals("f32[2,3,3]", g.outputs().get("lu:0").type().toString());
        // int32 is TF's default output_idx_type
        Value p = g.outputs().get("lu:1");
        assertEquals("i32[2,3]", p.type().toString());
        assertEquals(Op.CAST, p.producer().op());
        assertEquals(Op.LU, p.producer().input(0).producer().op());

        Graph g64 = load(List.of("lu:1"), placeholder("x", DataType.DT_DOUBLE, 4, 4),
                node("lu", "Lu", DataType.DT_DOUBLE, "x").putAttr("output_idx_type", type(DataType.DT_INT64)).build());
        assertEquals(Op.LU, producer(g64, "lu:1").op());
        assertEquals("i64[4]", g64.outputs().get("lu:1").type().toString());
    }

    @Test
    void svdResultsKeepTfOrder() throws Exception {
        Graph g = load(List.of("svd:0", "svd:1", "svd:2"), placeholder("x", DataType.DT_FLOAT, 4, 3),
                node("svd", "Svd", DataType.DT_FLOAT, "x").putAttr("full_matrices", bool(true))
                        .putAttr("compute_uv", bool(true)).build());
        assertEquals("f32[3]", g.outputs().get("svd:0").type().toString());
        assertEquals("f32[4,4]", g.outputs().get("svd:1").type().toString());
        assertEquals("f32[3,3]", g.outputs().get("svd:2").type().toString());
        assertTrue(IrPrinter.print(g).contains("svd(%x) {full_matrices=true}"), IrPrinter.print(g));
    }

    @Test
    void svdWithoutUvHasOnlySingularValues() throws Exception {
        NodeDef svd = node("svd", "Svd", DataType.DT_FLOAT, "x").putAttr("compute_uv", bool(false)).build();
        Graph g = load(List.of("svd:0"), placeholder("x", DataType.DT_FLOAT, 2, 4, 3), svd);
        assertEquals(Op.SINGULAR_VALUES, producer(g, "svd:0").op());
        assertEquals("f32[2,3]", g.outputs().get("svd:0").type().toString());
        // TF leaves u undefined without compute_uv: reading it is refused, not invented.
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class,
                () -> load(List.of("svd:1"), placeholder("x", DataType.DT_FLOAT, 2, 4, 3), svd));
        assertTrue(e.getMessage().contains("Svd"), e.getMessage());
    }

    @Test
    void solveAttributesCarryOver() throws Exception {
        Graph g = load(List.of("t", "s"), placeholder("a", DataType.DT_DOUBLE, 3, 3),
                placeholder("b", DataType.DT_DOUBLE, 3, 2),
                node("t", "MatrixTriangularSolve", DataType.DT_DOUBLE, "a", "b").putAttr("lower", bool(false))
                        .putAttr("adjoint", bool(true)).build(),
                node("s", "MatrixSolve", DataType.DT_DOUBLE, "a", "b").build());
        Node t = producer(g, "t");
        assertEquals(Op.TRIANGULAR_SOLVE, t.op());
        assertEquals(false, t.attrs().b("lower"));
        assertEquals(true, t.attrs().b("adjoint"));
        Node s = producer(g, "s");
        assertEquals(Op.MATRIX_SOLVE, s.op());
        assertEquals(false, s.attrs().b("adjoint"));
        assertEquals("f64[3,2]", g.outputs().get("s").type().toString());
    }

    @Test
    void slogdetAndSpecialFunctions() throws Exception {
        Graph g = load(List.of("d:0", "d:1", "bi", "pg"), placeholder("x", DataType.DT_FLOAT, 2, 3, 3),
                placeholder("a", DataType.DT_FLOAT, 4), placeholder("n", DataType.DT_FLOAT),
                node("d", "LogMatrixDeterminant", DataType.DT_FLOAT, "x").build(),
                node("bi", "Betainc", DataType.DT_FLOAT, "a", "a", "a").build(),
                node("pg", "Polygamma", DataType.DT_FLOAT, "n", "a").build());
        assertEquals(Op.SLOGDET, producer(g, "d:1").op());
        assertEquals("f32[2]", g.outputs().get("d:1").type().toString());
        assertEquals(Op.BETAINC, producer(g, "bi").op());
        assertEquals(Op.POLYGAMMA, producer(g, "pg").op());
        assertEquals("f32[4]", g.outputs().get("pg").type().toString());
    }

    @Test
    void integerMatricesAreRefused() {
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class, () -> load(List.of("d"),
                placeholder("x", DataType.DT_INT32, 3, 3), node("d", "MatrixDeterminant", DataType.DT_INT32, "x").build()));
        assertTrue(e.getMessage().contains("MatrixDeterminant"), e.getMessage());
    }
}
