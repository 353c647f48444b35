package org.tf2torch.ir.passes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/**
 * Removes nodes no output depends on, and parameters no node reads any more unless they belong to the model's
 * object structure (a layer's weights stay part of the module even when this signature does not use them);
 * inside subgraphs too (a loop's results are all kept, as a loop node cannot drop some of its carried values).
 */
public final class DeadCodeElimination implements Pass {
    @Override
    public boolean run(Graph g) {
        Set<Node> live = new HashSet<>();
        List<Node> work = new ArrayList<>();
        for (Value v : g.outputs().values()) if (v.producer() != null && live.add(v.producer())) work.add(v.producer());
        while (!work.isEmpty()) {
            Node n = work.remove(work.size() - 1);
            for (Value in : n.inputs()) {
                if (in.producer() != null && live.add(in.producer())) work.add(in.producer());
            }
        }
        boolean changed = Subgraphs.runInside(this, g);
        List<Node> nodes = new ArrayList<>(g.nodes());
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            if (!live.contains(n)) {
                g.remove(n);
                changed = true;
            }
        }
        Set<String> read = new HashSet<>();
        for (Node n : g.nodes()) if (n.op() == Op.PARAM) read.add(n.attrs().s("name"));
        for (String p : new ArrayList<>(g.params().keySet())) {
            if (!read.contains(p) && !g.params().get(p).hasPath()) {
                g.removeParameter(p);
                changed = true;
            }
        }
        return changed;
    }
}
