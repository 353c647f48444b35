package org.tf2torch.importers.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.tf2torch.importers.ImportOptions;
import org.tf2torch.importers.ModelImporter;
import org.tf2torch.importers.UnsupportedOpsException;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Verifier;
import org.tf2torch.ir.text.IrPrinter;

class FunctionalIfImportTest {
    private static final DataType F32 = DataType.DT_FLOAT;
    @TempDir Path dir;

    private Graph load(GraphDefBuilder b, String... outputs) throws Exception {
        Graph g = ModelImporter.load(b.write(dir), ImportOptions.defaults().withOutputs(List.of(outputs))).graph();
        Verifier.verify(g);
        return g;
    }

    /** y = If(pred, then: x + x, else: x * x)(x); the else branch optionally returns a reshaped [1, 2*n]. */
    private static GraphDefBuilder branches(boolean constantPred, boolean reshapeElse) {
        GraphDefBuilder b = new GraphDefBuilder();
        String[] args = {"x"};
        DataType[] types = {F32};
        FunctionDef.Builder then = FunctionalWhileImportTest.function("then", args, types, new String[] {"y"}, types,
                "sum:z:0");
        FunctionalWhileImportTest.fnode(then, "sum", "AddV2", F32, "x", "x");
        FunctionDef.Builder otherwise = FunctionalWhileImportTest.function("otherwise", args, types,
                new String[] {"y"}, types, reshapeElse ? "flat:output:0" : "square:z:0");
        FunctionalWhileImportTest.fnode(otherwise, "square", "Mul", F32, "x", "x");
        if (reshapeElse) {
            FunctionalWhileImportTest.fnode(otherwise, "flat", "Reshape", F32, "square:z:0", "shape")
                    .putAttr("Tshape", GraphDefBuilder.type(DataType.DT_INT32));
        }
        b.library().addFunction(then).addFunction(otherwise);
        if (reshapeElse) {
            // the branch reads its own constant
            b.library().getFunctionBuilder(1).addNodeDefBuilder().setName("shape").setOp("Const")
                    .putAttr("dtype", GraphDefBuilder.type(DataType.DT_INT32))
                    .putAttr("value", AttrValue.newBuilder().setTensor(org.tensorflow.proto.TensorProto.newBuilder()
                            .setDtype(DataType.DT_INT32).setTensorShape(org.tensorflow.proto.TensorShapeProto
                                    .newBuilder().addDim(org.tensorflow.proto.TensorShapeProto.Dim.newBuilder()
                                            .setSize(2))).addIntVal(1).addIntVal(-1)).build());
        }
        b.placeholder("x", F32, -1, 2);
        if (constantPred) {
            b.node("pred", "Const").putAttr("dtype", GraphDefBuilder.type(DataType.DT_BOOL)).putAttr("value",
                    AttrValue.newBuilder().setTensor(org.tensorflow.proto.TensorProto.newBuilder()
                            .setDtype(DataType.DT_BOOL).addBoolVal(false)).build());
        } else {
            b.placeholder("pred", DataType.DT_BOOL);
        }
        AttrValue.ListValue.Builder t = AttrValue.ListValue.newBuilder().addType(F32);
        b.node("if", "StatelessIf", "pred", "x")
                .putAttr("Tin", AttrValue.newBuilder().setList(t).build())
                .putAttr("Tout", AttrValue.newBuilder().setList(t).build())
                .putAttr("then_branch", AttrValue.newBuilder().setFunc(NameAttrList.newBuilder().setName("then")).build())
                .putAttr("else_branch", AttrValue.newBuilder().setFunc(NameAttrList.newBuilder().setName("otherwise"))
                        .build());
        return b;
    }

    private static List<Op> ops(Graph g) { return g.nodes().stream().map(Node::op).toList(); }

    @Test
    void aConstantPredicateInlinesOnlyTheTakenBranch() throws Exception {
        Graph g = load(branches(true, true), "if");
        assertTrue(ops(g).contains(Op.MUL) && !ops(g).contains(Op.ADD), IrPrinter.print(g));
    }

    @Test
    void aRunTimePredicateSelectsBetweenBothBranches() throws Exception {
        Graph g = load(branches(false, false), "if");
        assertTrue(ops(g).containsAll(List.of(Op.MUL, Op.ADD, Op.WHERE)), IrPrinter.print(g));
        assertEquals(Op.WHERE, g.outputs().get("if").producer().op());
    }

    @Test
    void branchesOfDifferentShapesAreRefusedWithARunTimePredicate() {
        UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class, () -> load(branches(false, true), "if"));
        assertTrue(e.getMessage().contains("shapes known to be equal"), e.getMessage());
    }
}
