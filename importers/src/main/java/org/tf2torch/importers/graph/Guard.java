package org.tf2torch.importers.graph;

import org.tf2torch.ir.Value;

/**
 * Where a value computed inside TF1 conds with run-time predicates lives: the innermost cond's predicate and
 * branch, then the enclosing ones through {@link #parent}. Guards are compared by predicate identity.
 */
final class Guard {
    final Value pred;
    final boolean branch;
    final Guard parent;
    final int depth;

    Guard(Value pred, boolean branch, Guard parent) {
        this.pred = pred;
        this.branch = branch;
        this.parent = parent;
        this.depth = parent == null ? 1 : parent.depth + 1;
    }

    static int depth(Guard g) { return g == null ? 0 : g.depth; }

    static boolean same(Guard a, Guard b) {
        while (a != null && b != null) {
            if (a.pred != b.pred || a.branch != b.branch) return false;
            a = a.parent;
            b = b.parent;
        }
        return a == null && b == null;
    }

    /** Whether {@code outer} encloses (or equals) {@code inner}: a value under {@code outer} may flow into it. */
    static boolean encloses(Guard outer, Guard inner) {
        Guard g = inner;
        while (depth(g) > depth(outer)) g = g.parent;
        return same(g, outer);
    }

    /** The deeper of two guards when one encloses the other, else null (values of different branches). */
    static Guard inner(Guard a, Guard b, boolean[] ok) {
        if (encloses(a, b)) return b;
        if (encloses(b, a)) return a;
        ok[0] = false;
        return null;
    }
}
