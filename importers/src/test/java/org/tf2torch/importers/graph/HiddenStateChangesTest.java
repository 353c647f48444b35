package org.tf2torch.importers.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.FunctionDefLibrary;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tf2torch.importers.ImportReport;

/** Stateful ops that only a control dependency ties to a signature's outputs are refused, not dropped. */
class HiddenStateChangesTest {
    private static NodeDef node(String name, String op, String... inputs) {
        return NodeDef.newBuilder().setName(name).setOp(op).addAllInput(List.of(inputs)).build();
    }

    private static NodeDef call(String name, String fn, String... inputs) {
        return node(name, "StatefulPartitionedCall", inputs).toBuilder()
                .putAttr("f", AttrValue.newBuilder().setFunc(NameAttrList.newBuilder().setName(fn)).build()).build();
    }

    private static FunctionDef function(String name, NodeDef... body) {
        return FunctionDef.newBuilder().setSignature(OpDef.newBuilder().setName(name)).addAllNodeDef(List.of(body))
                .build();
    }

    @Test
    void aTf1CounterReadAfterItsIncrementIsRefused() {
        GraphDef g = GraphDef.newBuilder()
                .addNode(node("counter", "VariableV2"))
                .addNode(node("one", "Const"))
                .addNode(node("incr", "AssignAdd", "counter", "one"))
                .addNode(node("out", "Identity", "counter", "^incr"))
                .addNode(node("save", "Assign", "counter", "one"))
                .build();
        ImportReport r = new ImportReport();
        HiddenStateChanges.report(g, List.of("out:0"), Set.of(), r);
        assertEquals(1, r.unsupported().size());
        ImportReport.Entry e = r.unsupported().get(0);
        assertEquals("AssignAdd", e.op());
        assertEquals(List.of("incr"), e.examples());
        assertTrue(e.reason().contains("control dependency"), e.reason());
    }

    @Test
    void opsOnTheDataPathAreLeftToTheTranslation() {
        GraphDef g = GraphDef.newBuilder()
                .addNode(node("counter", "VariableV2"))
                .addNode(node("one", "Const"))
                .addNode(node("incr", "AssignAdd", "counter", "one"))
                .addNode(node("out", "Identity", "incr"))
                .build();
        ImportReport r = new ImportReport();
        HiddenStateChanges.report(g, List.of("out"), Set.of(), r);
        assertFalse(r.hasUnsupported(), () -> r.unsupported().get(0).examples().toString());
    }

    @Test
    void functionsTheTranslationDidNotInlineAreSearchedNestedCallsIncluded() {
        FunctionDef update = function("update", node("apply", "ResourceApplyGradientDescent", "w", "lr", "g"));
        FunctionDef step = function("step", call("inner", "update"), node("y", "Identity", "x"));
        GraphDef g = GraphDef.newBuilder()
                .setLibrary(FunctionDefLibrary.newBuilder().addFunction(update).addFunction(step))
                .addNode(node("x", "Placeholder"))
                .addNode(call("train", "step", "x"))
                .addNode(node("out", "Identity", "x", "^train"))
                .build();
        ImportReport r = new ImportReport();
        HiddenStateChanges.report(g, List.of("out"), Set.of(), r);
        assertEquals("ResourceApplyGradientDescent", r.unsupported().get(0).op());
        assertEquals(List.of("apply (in update)"), r.unsupported().get(0).examples());
        // The translation already reported what it inlined.
        ImportReport again = new ImportReport();
        HiddenStateChanges.report(g, List.of("out"), Set.of("update", "step"), again);
        assertFalse(again.hasUnsupported());
    }
}
