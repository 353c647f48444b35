package org.tf2torch.exporters.pytorch;

import java.util.ArrayList;
import java.util.List;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Loops;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Value;

/**
 * Writes an IR loop as a Python {@code while} statement, the same text in model.py and in the archive:
 *
 * <pre>
 *   x = init                  # one local per carried value, always a Tensor (TorchScript keeps its type)
 *   ...cond statements...
 *   go = cond_result
 *   while bool(go):
 *       ...body statements...
 *       x, y = next_x, next_y  # one tuple assignment, so a body that swaps values reads the old ones
 *       ...cond statements...
 *       go = cond_result
 * </pre>
 *
 * The cond is written twice (before the loop and at the end of each iteration) rather than as
 * {@code while True: ... break}, so the loop stays a plain TorchScript while loop.
 */
final class LoopWriter {
    private LoopWriter() {}

    static void write(ForwardWriter w, Node loop) {
        int n = Loops.carried(loop);
        Graph cond = Loops.cond(loop);
        Graph body = Loops.body(loop);
        List<String> vars = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            String init = w.expr(loop.input(k));
            String var = w.claim(loop.outputs().get(k).name());
            w.line(var + " = " + init + (k == 0 ? w.provenance(loop) : ""));
            vars.add(var);
        }
        List<String> captures = new ArrayList<>();
        for (int i = n; i < loop.inputs().size(); i++) captures.add(w.expr(loop.input(i)));
        String go = w.claim("go");
        w.line(go + " = " + writeGraph(w, cond, vars, captures).get(0));
        w.line("while bool(" + go + "):");
        w.nest(1);
        List<String> next = writeGraph(w, body, vars, captures);
        if (n > 0) w.line(String.join(", ", vars) + " = " + String.join(", ", next));
        w.forget(cond);
        w.line(go + " = " + writeGraph(w, cond, vars, captures).get(0));
        w.nest(-1);
        for (int k = 0; k < n; k++) w.bind(loop.outputs().get(k), vars.get(k));
    }

    /** Writes the statements {@code g}'s outputs need, with its inputs bound; returns the outputs' expressions. */
    private static List<String> writeGraph(ForwardWriter w, Graph g, List<String> vars, List<String> captures) {
        for (int i = 0; i < g.inputs().size(); i++) {
            w.bind(g.inputs().get(i), i < vars.size() ? vars.get(i) : captures.get(i - vars.size()));
        }
        w.emitNodes(ModulePlan.live(g));
        List<String> out = new ArrayList<>();
        for (Value v : g.outputs().values()) out.add(w.expr(v));
        return out;
    }
}
