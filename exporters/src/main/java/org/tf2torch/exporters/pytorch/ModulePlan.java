package org.tf2torch.exporters.pytorch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tf2torch.exporters.pytorch.ExportResult.Kind;
import org.tf2torch.exporters.pytorch.ModuleTree.Module;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Loops;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Parameter;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.Value;

/**
 * What both dialects share: the class names, the module hierarchy with every attribute (weights, buffers, large
 * constants) under its sanitized name, the layers recognized as torch layers and the nodes the outputs need.
 * Built once so model.py, the weights file and the archive agree on every name.
 *
 * <p>Weights with an object path (a SavedModel's layers) live in submodules named after the layers; the others
 * (TF1 and frozen graphs) are flat attributes of the root, named after the TF variable.
 *
 * <p>Constants: a rank-0 constant, or an integer one of at most {@value #INLINE_LIMIT} elements (shape
 * arithmetic), is written inline as {@code torch.tensor(...)}; every other constant becomes a buffer
 * {@code const_N} of the root. Inline tensors are created on the CPU, which is harmless for scalars and shape
 * values but would break a model moved to a GPU if they held activations' operands.
 */
final class ModulePlan {
    static final int INLINE_LIMIT = 16;

    /**
     * One state_dict entry. {@code name} is the full key ({@code dense.weight}), {@code local} the attribute
     * name in its module; {@code source} is the TF variable path or the IR value name.
     */
    record Attribute(String name, String local, Kind kind, Tensor data, String source) {}

    final Graph graph;
    final String className;
    final Module root;
    private final Map<String, String> paramExprs = new HashMap<>();
    private final Map<Value, String> constantAttrs = new IdentityHashMap<>();
    private final List<Node> live = new ArrayList<>();
    private final Map<Node, LayerMatcher.Call> calls = new IdentityHashMap<>();
    private final Map<Node, Module> callModules = new IdentityHashMap<>();
    private final Set<Node> absorbed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> frozen = new HashSet<>();

    private ModulePlan(Graph graph, String className) {
        this.graph = graph;
        this.className = className;
        this.root = new Module(null, "", "");
        this.root.className = className;
    }

    static ModulePlan of(Graph g, String className) {
        if (g.outputs().isEmpty()) throw new IllegalArgumentException("graph @" + g.name() + " has no outputs");
        ModulePlan p = new ModulePlan(g, className);
        p.findLive();
        Map<String, List<String>> split = SeparableConvs.paths(g);
        for (Parameter param : g.params().values()) {
            if (!param.hasPath()) {
                p.addWeight(p.root, param, param.name());
            } else {
                List<String> path = split.getOrDefault(param.name(), param.path());
                Module owner = ModuleTree.owner(p.root, path);
                owner.params.put(path.get(path.size() - 1), param);
            }
        }
        p.placeLayers();
        int n = 0;
        for (Node node : withSubgraphs(p.live)) {
            if (node.op() != Op.CONSTANT || inline(node.attrs().tensor("value"))) continue;
            String attr = p.root.scope.claim("const_" + n++);
            p.constantAttrs.put(node.output(), attr);
            p.root.items.add(new Attribute(attr, attr, Kind.CONSTANT, node.attrs().tensor("value"), node.output().name()));
        }
        for (Node node : p.live) {
            if (node.op() == Op.PARAM && !p.paramExprs.containsKey(node.attrs().s("name"))) {
                String name = node.attrs().s("name");
                throw new IllegalArgumentException("param node names unknown parameter '" + name + "'");
            }
        }
        p.nameClasses();
        return p;
    }

    /** A plain weight attribute of {@code m}: an {@code nn.Parameter} when trainable, else a buffer. */
    private void addWeight(Module m, Parameter param, String raw) {
        String attr = m.scope.claim(raw);
        // nn.Parameter cannot hold integers with gradients; a trainable integer variable becomes a buffer.
        boolean trainable = param.trainable() && param.data().dtype().isFloating();
        m.items.add(new Attribute(m.keyPrefix() + attr, attr, trainable ? Kind.PARAMETER : Kind.BUFFER, param.data(),
                param.name()));
        paramExprs.put(param.name(), m.keyPrefix() + attr);
    }

    /** Leaf modules whose weights the graph uses exactly as a torch layer would become that layer. */
    private void placeLayers() {
        Map<String, Node> paramNodes = new HashMap<>();
        Set<Node> liveSet = Collections.newSetFromMap(new IdentityHashMap<>());
        liveSet.addAll(live);
        for (Node n : live) if (n.op() == Op.PARAM) paramNodes.putIfAbsent(n.attrs().s("name"), n);
        for (Module m : ModuleTree.postOrder(root)) {
            if (m.isRoot()) continue;
            LayerMatcher.Match match = m.children.isEmpty() && !m.params.isEmpty()
                    ? LayerMatcher.match(new ArrayList<>(m.params.values()), paramNodes, liveSet, graph) : null;
            if (match == null) {
                for (Map.Entry<String, Parameter> e : m.params.entrySet()) addWeight(m, e.getValue(), e.getKey());
                continue;
            }
            Module at = RnnLayers.hoist(m, match.layer());
            at.layer = match.layer();
            for (String f : match.layer().frozen()) frozen.add(at.keyPrefix() + f);
            for (LayerMatcher.Weight w : match.layer().weights()) {
                at.items.add(new Attribute(at.keyPrefix() + w.local(), w.local(), w.kind(), w.data(), w.source()));
            }
            for (LayerMatcher.Weight w : match.layer().extraBuffers()) {
                at.items.add(new Attribute(at.keyPrefix() + w.local(), w.local(), w.kind(), w.data(), w.source()));
            }
            for (Map.Entry<String, String> e : match.layer().exprs().entrySet()) {
                paramExprs.put(e.getKey(), at.keyPrefix() + e.getValue());
            }
            for (LayerMatcher.Call c : match.calls()) {
                calls.put(c.head(), c);
                callModules.put(c.head(), at);
                absorbed.addAll(c.absorbed());
            }
        }
        // the root's own weights that carry a path (a tf.Module's variables) come after its layers
        for (Map.Entry<String, Parameter> e : root.params.entrySet()) addWeight(root, e.getValue(), e.getKey());
    }

    /** Class names for the root and every plain submodule, unique among themselves. */
    private void nameClasses() {
        NameScope classes = NameScope.forLocals();
        classes.claim(className);
        for (Module m : ModuleTree.postOrder(root)) {
            if (m.isRoot() || m.layer != null) continue;
            m.className = classes.claim(PyNames.className(m.source));
        }
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

    /** Every state_dict entry, depth first in module order. */
    List<Attribute> attributes() {
        List<Attribute> out = new ArrayList<>();
        collect(root, out, false);
        return Collections.unmodifiableList(out);
    }

    /** Attributes in {@code state_dict()} order: per module its parameters, then its buffers, then children. */
    List<Attribute> stateDictOrder() {
        List<Attribute> out = new ArrayList<>();
        collect(root, out, true);
        return out;
    }

    private static void collect(Module m, List<Attribute> out, boolean torchOrder) {
        if (torchOrder) {
            for (Object o : m.items) if (o instanceof Attribute a && a.kind() == Kind.PARAMETER) out.add(a);
            for (Object o : m.items) if (o instanceof Attribute a && a.kind() != Kind.PARAMETER) out.add(a);
            for (Object o : m.items) if (o instanceof Module c) collect(c, out, true);
        } else {
            for (Object o : m.items) {
                if (o instanceof Attribute a) out.add(a);
                else collect((Module) o, out, false);
            }
        }
    }

    /** The expression after {@code self.} that reads an IR parameter's value as TF holds it. */
    String paramExpr(String irName) { return paramExprs.get(irName); }

    /** The buffer holding a constant's value, or null when the constant is written inline. */
    String constantAttr(Value v) { return constantAttrs.get(v); }

    List<Node> liveNodes() { return Collections.unmodifiableList(live); }

    /** The layer call whose result {@code n}'s result is, or null. */
    LayerMatcher.Call layerCall(Node n) { return calls.get(n); }

    Module layerCallModule(Node n) { return callModules.get(n); }

    /** A torch-layer parameter the TF layer does not have, kept out of training ({@code requires_grad_(False)}). */
    boolean isFrozen(String key) { return frozen.contains(key); }

    /** A node computed inside a layer call, which writes no statement of its own. */
    boolean isAbsorbed(Node n) { return absorbed.contains(n); }

    /** Submodules that are torch layers, for listings. */
    List<Module> layerModules() {
        List<Module> out = new ArrayList<>();
        for (Module m : new LinkedHashSet<>(ModuleTree.postOrder(root))) if (m.layer != null) out.add(m);
        return out;
    }
}
