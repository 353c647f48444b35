package org.tf2torch.ir.passes;

import org.tf2torch.ir.Graph;

/** A rewrite of a graph in place. */
public interface Pass {
    /** Returns true when the graph changed. */
    boolean run(Graph g);

    default String name() { return getClass().getSimpleName(); }
}
