package org.tf2torch.exporters.pytorch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tf2torch.exporters.pytorch.ExportResult.Kind;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Loops;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Parameter;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.Value;

/**
 * What both dialects share: the class name, the module's attributes (weights, buffers, large constants) with
 * their sanitized names, and the nodes the outputs need. Built once so model.py, the weights file and the
 * archive agree on every name.
 *
 * <p>Constants: a rank-0 constant, or an integer one of at most {@value #INLINE_LIMIT} elements (shape
 * arithmetic), is written inline as {@code torch.tensor(...)}; every other constant becomes a buffer
 * {@code const_N} in the state dict. Inline tensors are created on the CPU, which is harmless for scalars
 * and shape values but would break a model moved to a GPU if they held activations' operands.
 */
final class ModulePlan {
    static final int INLINE_LIMIT = 16;

    /** One module attribute: a state_dict entry. {@code source} is the TF variable path or the IR value name. */
    record Attribute(String name, Kind kind, Tensor data, String source) {}

    final Graph graph;
    final String className;
    private final List<Attribute> attributes = new ArrayList<>();
    private final Map<String, String> paramAttrs = new LinkedHashMap<>();
    private final Map<Value, String> constantAttrs = new IdentityHashMap<>();
    private final List<Node> live = new ArrayList<>();

    private ModulePlan(Graph graph, String className) {
        this.graph = graph;
        this.className = className;
    }

    static ModulePlan of(Graph g, String className) {
        if (g.outputs().isEmpty()) throw new IllegalArgumentException("graph @" + g.name() + " has no outputs");
        ModulePlan p = new ModulePlan(g, className);
        p.findLive();
        NameScope scope = NameScope.forAttributes();
        for (Parameter param : g.params().values()) {
            String attr = scope.claim(param.name());
            p.paramAttrs.put(param.name(), attr);
            // nn.Parameter cannot hold integers with gradients; a trainable integer variable becomes a buffer.
            boolean trainable = param.trainable() && param.data().dtype().isFloating();
            p.attributes.add(new Attribute(attr, trainable ? Kind.PARAMETER : Kind.BUFFER, param.data(), param.name()));
        }
        int n = 0;
        for (Node node : withSubgraphs(p.live)) {
            if (node.op() != Op.CONSTANT || inline(node.attrs().tensor("value"))) continue;
            String attr = scope.claim("const_" + n++);
            p.constantAttrs.put(node.output(), attr);
            p.attributes.add(new Attribute(attr, Kind.CONSTANT, node.attrs().tensor("value"), node.output().name()));
        }
        for (Node node : p.live) {
            if (node.op() == Op.PARAM && !p.paramAttrs.containsKey(node.attrs().s("name"))) {
                String name = node.attrs().s("name");
                throw new IllegalArgumentException("param node names unknown parameter '" + name + "'");
            }
        }
        return p;
    }

    static boolean inline(Tensor t) {
        return t.shape().rank() == 0 || t.dtype().isInteger() && t.numElements() <= INLINE_LIMIT;
    }

    /** Nodes that some output depends on, in graph order; the rest would be dead code in the module. */
    private void findLive() { live.addAll(live(graph)); }

    /** The nodes of {@code g} its outputs depend on, in graph order. */
    static List<Node> live(Graph g) {
        Set<Node> needed = new HashSet<>();
        List<Value> work = new ArrayList<>(g.outputs().values());
        while (!work.isEmpty()) {
            Value v = work.remove(work.size() - 1);
            Node prod = v.producer();
            if (prod != null && needed.add(prod)) work.addAll(prod.inputs());
        }
        List<Node> out = new ArrayList<>();
        for (Node node : g.nodes()) if (needed.contains(node)) out.add(node);
        return out;
    }

    /** {@code nodes} and, after each loop, the live nodes of its subgraphs (recursively): where constants hide. */
    private static List<Node> withSubgraphs(List<Node> nodes) {
        List<Node> out = new ArrayList<>();
        for (Node node : nodes) {
            out.add(node);
            for (Graph sub : Loops.subgraphs(node)) out.addAll(withSubgraphs(live(sub)));
        }
        return out;
    }

    List<Attribute> attributes() { return Collections.unmodifiableList(attributes); }

    /** Attributes in {@code state_dict()} order: torch lists parameters first, then buffers. */
    List<Attribute> stateDictOrder() {
        List<Attribute> out = new ArrayList<>();
        for (Attribute a : attributes) if (a.kind() == Kind.PARAMETER) out.add(a);
        for (Attribute a : attributes) if (a.kind() != Kind.PARAMETER) out.add(a);
        return out;
    }

    String paramAttr(String irName) { return paramAttrs.get(irName); }

    /** The buffer holding a constant's value, or null when the constant is written inline. */
    String constantAttr(Value v) { return constantAttrs.get(v); }

    List<Node> liveNodes() { return Collections.unmodifiableList(live); }
}
