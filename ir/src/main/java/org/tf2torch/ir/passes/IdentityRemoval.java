package org.tf2torch.ir.passes;

import java.util.ArrayList;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/**
 * Bypasses IDENTITY nodes, and no-op layout nodes (transpose by the identity permutation, reshape or expand
 * to the shape a value already has, cast to its own dtype). A graph output keeps its own value only when it
 * would otherwise alias a graph input or another output, which the exporter cannot name twice.
 */
public final class IdentityRemoval implements Pass {
    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node n : new ArrayList<>(g.nodes())) {
            if (!isNoOp(n)) continue;
            Value in = n.input(0);
            Value out = n.output();
            if (g.isOutput(out) && (in.isGraphInput() || g.isOutput(in))) continue;
            out.replaceAllUsesWith(in);
            g.replaceOutput(out, in);
            g.remove(n);
            changed = true;
        }
        return changed;
    }

    static boolean isNoOp(Node n) {
        switch (n.op()) {
            case IDENTITY:
                return true;
            case TRANSPOSE: {
                int[] p = n.attrs().intArray("perm");
                for (int i = 0; i < p.length; i++) if (p[i] != i) return false;
                return true;
            }
            case CAST:
                return n.input(0).dtype() == n.attrs().dtype("to");
            case RESHAPE: case EXPAND:
                return n.input(0).shape().isStatic() && n.input(0).shape().equals(n.output().shape());
            default:
                return false;
        }
    }

    static boolean isOp(Node n, Op op) { return n != null && n.op() == op; }
}
