package org.tf2torch.ir.passes;

import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Loops;
import org.tf2torch.ir.Node;

/** Runs a pass on the subgraphs held by a graph's nodes, recursively. */
final class Subgraphs {
    private Subgraphs() {}

    /** Returns true when some subgraph changed. The outer node's result types follow its body's inputs, which no pass changes. */
    static boolean runInside(Pass p, Graph g) {
        boolean changed = false;
        for (Node n : g.nodes()) {
            for (Graph sub : Loops.subgraphs(n)) {
                changed |= p.run(sub);
                changed |= runInside(p, sub);
            }
        }
        return changed;
    }
}
