package org.tf2torch.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tf2torch.ir.IrTesting.input;
import static org.tf2torch.ir.IrTesting.node;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tf2torch.ir.text.IrPrinter;

class GraphTest {
    @Test
    void valueNamesAreSafeAndUnique() {
        Graph g = new Graph("g");
        Value x = g.addInput("serving_default_input:0", TensorType.parse("f32[2]"), null);
        assertEquals("serving_default_input_0", x.name());
        Value a = g.add(Op.RELU, List.of(x), Map.of(), SourceRef.NONE, "conv1/Relu").output();
        Value b = g.add(Op.RELU, List.of(a), Map.of(), SourceRef.NONE, "conv1/Relu").output();
        Value c = g.add(Op.RELU, List.of(b), Map.of(), SourceRef.NONE, "1st layé").output();
        Value d = g.add(Op.RELU, List.of(c), Map.of(), SourceRef.NONE, "").output();
        assertEquals(List.of("conv1_Relu", "conv1_Relu_1", "v1st_lay_", "v"),
                List.of(a.name(), b.name(), c.name(), d.name()));
        assertThrows(IllegalArgumentException.class, () -> g.addInput("serving_default_input:0",
                TensorType.parse("f32[2]"), "other"));
    }

    @Test
    void paramNodesGoToTheTopOnce() {
        Graph g = new Graph("g");
        Value x = input(g, "x", "f32[2,3]");
        g.addParameter(new Parameter("dense/kernel", TensorValues.ofFloats(Shape.of(3, 4), new float[12]), true));
        g.addParameter(new Parameter("dense/bias", TensorValues.ofFloats(Shape.of(4), new float[4]), true));
        Value r = node(g, Op.RELU, x);
        Value w = g.param("dense/kernel");
        Value mm = node(g, Op.MATMUL, r, w);
        Value b = g.param("dense/bias");
        g.setOutput("y", node(g, Op.ADD, mm, b));
        assertSame(w, g.param("dense/kernel"));
        assertEquals(List.of(Op.PARAM, Op.PARAM, Op.RELU, Op.MATMUL, Op.ADD),
                g.nodes().stream().map(Node::op).toList());
        assertEquals("dense_kernel", w.name());
        Verifier.verify(g);
        assertThrows(IllegalArgumentException.class, () -> g.param("nope"));
        assertThrows(IllegalArgumentException.class, () -> g.addParameter(
                new Parameter("dense/bias", TensorValues.ofFloats(Shape.of(1), 0f), false)));
    }

    @Test
    void insertBeforeAndAfterKeepOrder() {
        Graph g = new Graph("g");
        Value x = input(g, "x", "f32[2]");
        Value a = node(g, Op.RELU, x);
        Value b = node(g, Op.NEG, a);
        g.setOutput("b", b);
        Node mid = g.insertAfter(a.producer(), Op.ABS, List.of(a), Map.of(), SourceRef.NONE, "abs");
        b.producer().setInput(0, mid.output());
        Node first = g.insertBefore(a.producer(), Op.EXP, List.of(x), Map.of(), SourceRef.NONE, "exp");
        assertEquals(List.of(Op.EXP, Op.RELU, Op.ABS, Op.NEG), g.nodes().stream().map(Node::op).toList());
        g.remove(first);
        Verifier.verify(g);
        assertEquals(List.of(new Use(mid, 0)), a.uses());
        assertThrows(IllegalArgumentException.class,
                () -> g.insertBefore(first, Op.EXP, List.of(x), Map.of(), SourceRef.NONE, "e"));
    }

    @Test
    void removeRefusesLiveNodes() {
        Graph g = new Graph("g");
        Value x = input(g, "x", "f32[2]");
        Value a = node(g, Op.RELU, x);
        Value b = node(g, Op.NEG, a);
        g.setOutput("b", b);
        assertThrows(IllegalStateException.class, () -> g.remove(a.producer()));
        assertThrows(IllegalStateException.class, () -> g.remove(b.producer()));
    }

    @Test
    void replaceAllUsesAndOutputs() {
        Graph g = new Graph("g");
        Value x = input(g, "x", "f32[2]");
        Value a = node(g, Op.RELU, x);
        Value b = node(g, Op.ADD, a, a);
        g.setOutput("a", a);
        g.setOutput("a2", a);
        g.setOutput("b", b);
        a.replaceAllUsesWith(x);
        g.replaceOutput(a, x);
        assertEquals(List.of(x, x), b.producer().inputs());
        assertEquals(List.of(), a.uses());
        assertEquals(Map.of("a", x, "a2", x, "b", b), g.outputs());
        g.remove(a.producer());
        Verifier.verify(g);
    }

    @Test
    void reinferTypesAfterRewiring() {
        Graph g = new Graph("g");
        Value x = input(g, "x", "f32[2,3]");
        Value y = input(g, "y", "f32[batch,5,3]");
        Value a = node(g, Op.RELU, x);
        Value b = node(g, Op.NEG, a);
        g.setOutput("b", b);
        a.producer().setInput(0, y);
        g.reinferTypes();
        assertEquals("f32[batch,5,3]", b.type().toString());
        Verifier.verify(g);
    }

    @Test
    void rejectedNodeLeavesNoTrace() {
        Graph g = new Graph("g");
        Value x = input(g, "x", "f32[2]");
        assertThrows(IllegalArgumentException.class,
                () -> g.add(Op.ADD, java.util.Arrays.asList(x, null), Map.of(), SourceRef.NONE, "a"));
        assertThrows(IllegalArgumentException.class,
                () -> g.add(Op.TRANSPOSE, List.of(x), Map.of("perm", List.of(1, 0)), SourceRef.NONE, "t"));
        assertThrows(IllegalArgumentException.class,
                () -> g.add(Op.TRANSPOSE, List.of(x), Map.of(), SourceRef.NONE, "t"));
        assertEquals(List.of(), x.uses());
        assertEquals(List.of(), g.nodes());
    }

    @Test
    void attributesCannotBeChangedThroughTheCallersArray() {
        Graph g = new Graph("g");
        Value x = input(g, "x", "f32[2,3]");
        long[] perm = {1, 0};
        Value t = g.add(Op.TRANSPOSE, List.of(x), Map.of("perm", perm), SourceRef.NONE, "t").output();
        perm[0] = 0;
        perm[1] = 1;
        g.setOutput("t", t);
        assertTrue(IrPrinter.print(g).contains("{perm=[1,0]}"));
        Verifier.verify(g);
    }

    @Test
    void shapesAndDims() {
        assertEquals(Shape.parse("[batch, 3, ?]"), Shape.of(List.of(Dim.symbol("batch"), Dim.of(3), Dim.unknown())));
        assertEquals("[*]", Shape.unknownRank().toString());
        assertEquals("[]", Shape.scalar().toString());
        assertEquals(1, Shape.scalar().numElements());
        assertEquals(0, Shape.of(3, 0).numElements());
        assertEquals(Dim.of(3), Shape.of(2, 3).dim(-1));
        assertThrows(IllegalStateException.class, () -> Shape.parse("[n,2]").sizes());
        assertThrows(IllegalStateException.class, () -> Shape.unknownRank().rank());
        assertThrows(IllegalArgumentException.class, () -> Dim.symbol("2x"));
        assertThrows(IllegalArgumentException.class, () -> Dim.of(-2));
        assertEquals(TensorType.parse("bf16[batch,3]"), new TensorType(DType.BF16, Shape.parse("[batch,3]")));
        assertEquals(DType.F16, DType.fromNumpyName("half"));
        assertEquals("float16", DType.F16.numpyName());
    }
}
