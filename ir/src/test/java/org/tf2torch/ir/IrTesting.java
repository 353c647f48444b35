package org.tf2torch.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.passes.Pass;
import org.tf2torch.ir.text.IrParser;
import org.tf2torch.ir.text.IrPrinter;

/** Shared steps of the IR tests: text in, verified graph, text out. */
public final class IrTesting {
    private IrTesting() {}

    /** Parses and verifies, so a test never starts from a graph that is already broken. */
    public static Graph parse(String text) {
        Graph g = IrParser.parse(text);
        Verifier.verify(g);
        return g;
    }

    /** Runs {@code pass} on the text graph and checks it verifies and prints exactly as {@code expected}. */
    public static Graph assertPass(Pass pass, String in, String expected) {
        Graph g = parse(in);
        pass.run(g);
        Verifier.verify(g);
        assertEquals(expected, IrPrinter.print(g));
        assertEquals(expected, IrPrinter.print(IrParser.parse(expected)), "expected text is not canonical");
        return g;
    }

    /** Asserts the pass leaves the graph exactly as it was and reports no change. */
    public static void assertUnchanged(Pass pass, String in) {
        Graph g = parse(in);
        String before = IrPrinter.print(g);
        assertEquals(false, pass.run(g), "pass reported a change");
        Verifier.verify(g);
        assertEquals(before, IrPrinter.print(g));
    }

    public static IllegalArgumentException parseError(String text, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IrParser.parse(text));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message lacks '" + f + "':\n" + e.getMessage());
        }
        return e;
    }

    public static Value input(Graph g, String key, String type) {
        return g.addInput(key, TensorType.parse(type), null);
    }

    public static Value node(Graph g, Op op, Map<String, ?> attrs, Value... in) {
        return g.add(op, List.of(in), attrs, SourceRef.NONE, op.textName()).output();
    }

    public static Value node(Graph g, Op op, Value... in) { return node(g, op, Map.of(), in); }

    public static double[] doubles(Tensor t) { return TensorValues.toDoubles(t); }
}
