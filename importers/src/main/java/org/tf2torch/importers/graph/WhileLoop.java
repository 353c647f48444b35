package org.tf2torch.importers.graph;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.importers.ops.TranslationException;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.TensorType;
import org.tf2torch.ir.Value;

/**
 * One attempt at rebuilding a TF1 while loop: its cond and body subgraphs, whose first inputs are the carried
 * values, followed by the values captured from the enclosing frame. A capture asked for by either subgraph is
 * added to both, so they always take the same inputs in the same order, as the IR loop requires.
 */
final class WhileLoop {
    private final String frameName;
    private final int carried;
    final Graph cond;
    final Graph body;
    private final List<Value> captured = new ArrayList<>();
    private final Map<Value, Integer> captureIndex = new IdentityHashMap<>();

    WhileLoop(String frameName, List<String> keys, List<TensorType> types) {
        this.frameName = frameName;
        this.carried = types.size();
        String base = frameName.replaceAll("/?while_context$", "").replaceAll("/+$", "");
        this.cond = new Graph(base + "/cond");
        this.body = new Graph(base + "/body");
        for (int k = 0; k < carried; k++) {
            cond.addInput(keys.get(k), types.get(k), hint(keys.get(k)));
            body.addInput(keys.get(k), types.get(k), hint(keys.get(k)));
        }
    }

    String frameName() { return frameName; }

    /** Outer values read by the loop, in the order of the subgraphs' inputs after the carried ones. */
    List<Value> captured() { return captured; }

    /** The input of {@code g} (this loop's cond or body) standing for the enclosing frame's value {@code outer}. */
    Value capture(Graph g, Value outer) {
        Integer j = captureIndex.get(outer);
        if (j == null) {
            j = captured.size();
            captured.add(outer);
            captureIndex.put(outer, j);
            String key = "capture:" + outer.name();
            cond.addInput(key, outer.type(), outer.name());
            body.addInput(key, outer.type(), outer.name());
        }
        return g.inputs().get(carried + j);
    }

    /** What an enclosing frame's import value becomes inside {@code g}. */
    TfValue capture(Graph g, TfValue v) {
        if (v.isPoison() || v.isDead() || v.isResource()) return v;
        if (v.guard() != null) {
            throw new TranslationException("a value computed in a branch of a conditional with a run-time predicate "
                    + "is read inside while loop " + frameName + "; this is not supported");
        }
        if (v.isArray()) {
            TensorArrayState s = v.array();
            if (s.handle()) return v;
            if (s.data() == null) {
                throw new TranslationException("TensorArray '" + s.name() + "' is read inside while loop " + frameName
                        + " before its element shape is known (declare element_shape)");
            }
            return TfValue.array(s.withContents(capture(g, s.data()), s.size(), s.element()));
        }
        return TfValue.of(capture(g, v.value()));
    }

    private static String hint(String tfName) {
        int slash = tfName.lastIndexOf('/');
        return slash >= 0 && slash < tfName.length() - 1 ? tfName.substring(slash + 1) : tfName;
    }
}
