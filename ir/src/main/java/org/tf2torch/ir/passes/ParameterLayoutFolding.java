package org.tf2torch.ir.passes;

import java.util.ArrayList;
import java.util.List;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Parameter;
import org.tf2torch.ir.PermutedTensor;
import org.tf2torch.ir.Use;
import org.tf2torch.ir.Value;

/**
 * Stores a weight in the layout its readers want: when every reader of a parameter transposes it the same
 * way (TF's HWIO conv kernel read as OIHW), the parameter itself becomes the transposed tensor, computed
 * lazily when written, and the transposes go.
 */
public final class ParameterLayoutFolding implements Pass {
    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        java.util.Map<String, Integer> readers = new java.util.HashMap<>();
        for (Node n : g.nodes()) if (n.op() == Op.PARAM) readers.merge(n.attrs().s("name"), 1, Integer::sum);
        for (Node n : new ArrayList<>(g.nodes())) {
            if (n.op() != Op.PARAM || n.output().uses().isEmpty() || g.isOutput(n.output())) continue;
            // a second PARAM node of the same weight would still expect the old layout
            if (readers.get(n.attrs().s("name")) != 1) continue;
            int[] perm = commonPerm(n.output());
            if (perm == null) continue;
            Parameter p = g.params().get(n.attrs().s("name"));
            if (p == null) continue;
            g.replaceParameter(p.withData(new PermutedTensor(p.data(), perm)));
            Value v = n.output();
            v.setType(g.params().get(p.name()).data().type());
            for (Use u : new ArrayList<>(v.uses())) {
                Node t = u.user();
                t.output().replaceAllUsesWith(v);
                g.replaceOutput(t.output(), v);
                g.remove(t);
            }
            changed = true;
        }
        return changed;
    }

    private static int[] commonPerm(Value v) {
        int[] perm = null;
        for (Use u : v.uses()) {
            if (u.user().op() != Op.TRANSPOSE) return null;
            int[] p = u.user().attrs().intArray("perm");
            if (perm != null && !java.util.Arrays.equals(perm, p)) return null;
            perm = p;
        }
        return perm;
    }

    static List<Node> users(Value v) {
        List<Node> out = new ArrayList<>();
        for (Use u : v.uses()) out.add(u.user());
        return out;
    }
}
