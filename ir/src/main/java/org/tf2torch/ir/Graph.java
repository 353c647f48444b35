package org.tf2torch.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model as SSA: ordered inputs (the signature's keys), ordered outputs, named parameters and a node list
 * kept in topological order. Node results are typed by {@link ShapeInference} when a node is added, so
 * importers never compute shapes themselves.
 */
public final class Graph {
    private final String name;
    private final List<Value> inputs = new ArrayList<>();
    private final List<String> inputKeys = new ArrayList<>();
    private final LinkedHashMap<String, Value> outputs = new LinkedHashMap<>();
    private final LinkedHashMap<String, Parameter> params = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Set<String> valueNames = new HashSet<>();
    /** Names this graph made unique with a counter, mapped to the hint they came from. */
    private final Map<String, String> generatedFrom = new java.util.HashMap<>();
    private int counter;

    public Graph(String name) { this.name = name; }

    public String name() { return name; }
    public List<Value> inputs() { return Collections.unmodifiableList(inputs); }
    /** Signature keys of the inputs, same order as {@link #inputs()}. */
    public List<String> inputKeys() { return Collections.unmodifiableList(inputKeys); }
    public Map<String, Value> outputs() { return Collections.unmodifiableMap(outputs); }
    public Map<String, Parameter> params() { return Collections.unmodifiableMap(params); }
    public List<Node> nodes() { return Collections.unmodifiableList(nodes); }

    public Value addInput(String key, TensorType type, String nameHint) {
        if (inputKeys.contains(key)) throw new IllegalArgumentException("duplicate input '" + key + "'");
        Value v = new Value(uniqueName(nameHint == null ? key : nameHint), type, null, 0);
        inputs.add(v);
        inputKeys.add(key);
        return v;
    }

    public void setOutput(String key, Value v) { outputs.put(key, v); }

    public void replaceOutput(Value old, Value v) {
        for (Map.Entry<String, Value> e : outputs.entrySet()) if (e.getValue() == old) e.setValue(v);
    }

    public boolean isOutput(Value v) { return outputs.containsValue(v); }

    public void addParameter(Parameter p) {
        if (params.containsKey(p.name())) throw new IllegalArgumentException("duplicate parameter '" + p.name() + "'");
        params.put(p.name(), p);
    }

    public void replaceParameter(Parameter p) {
        if (!params.containsKey(p.name())) throw new IllegalArgumentException("no parameter '" + p.name() + "'");
        params.put(p.name(), p);
    }

    public void removeParameter(String name) { params.remove(name); }

    /** The value of the PARAM node for {@code name}, created at the top of the graph when first asked. */
    public Value param(String name) {
        for (Node n : nodes) {
            if (n.op() == Op.PARAM && n.attrs().s("name").equals(name)) return n.output();
        }
        Parameter p = params.get(name);
        if (p == null) throw new IllegalArgumentException("no parameter '" + name + "'");
        Node n = new Node(Op.PARAM, name, List.of(), Attrs.of("name", name), SourceRef.NONE);
        return insertAt(countLeadingSources(), n, List.of(p.data().type()), hintFor(name));
    }

    public Value constant(Tensor t) { return constant(t, SourceRef.NONE, "c"); }

    public Value constant(Tensor t, SourceRef src, String nameHint) {
        return add(Op.CONSTANT, List.of(), Attrs.of("value", t), src, nameHint).output();
    }

    /** Appends a node after all others; result types come from shape inference. */
    public Node add(Op op, List<Value> in, Map<String, ?> attrs, SourceRef src, String nameHint) {
        return insert(nodes.size(), op, in, attrs, src, nameHint);
    }

    /** Inserts a node right before {@code anchor}. */
    public Node insertBefore(Node anchor, Op op, List<Value> in, Map<String, ?> attrs, SourceRef src, String hint) {
        int i = nodes.indexOf(anchor);
        if (i < 0) throw new IllegalArgumentException("anchor node is not in the graph");
        return insert(i, op, in, attrs, src, hint);
    }

    /** Inserts a node right after {@code anchor}. */
    public Node insertAfter(Node anchor, Op op, List<Value> in, Map<String, ?> attrs, SourceRef src, String hint) {
        int i = nodes.indexOf(anchor);
        if (i < 0) throw new IllegalArgumentException("anchor node is not in the graph");
        return insert(i + 1, op, in, attrs, src, hint);
    }

    /** Inserts a node whose result types are given rather than inferred (used by the text parser). */
    public Node addTyped(Op op, List<Value> in, Map<String, ?> attrs, SourceRef src, List<String> names,
                         List<TensorType> types) {
        if (names.size() != types.size()) {
            throw new IllegalArgumentException(names.size() + " result names but " + types.size() + " types");
        }
        for (int k = 0; k < names.size(); k++) {
            if (valueNames.contains(names.get(k)) || names.subList(0, k).contains(names.get(k))) {
                throw new IllegalArgumentException("duplicate value %" + names.get(k));
            }
        }
        Node n = new Node(op, names.get(0), in, attrs, src);
        n.graph = this;
        nodes.add(n);
        for (int k = 0; k < types.size(); k++) {
            valueNames.add(names.get(k));
            n.addOutput(new Value(names.get(k), types.get(k), n, k));
        }
        return n;
    }

    public Value addTypedInput(String key, String valueName, TensorType type) {
        if (inputKeys.contains(key)) throw new IllegalArgumentException("duplicate input '" + key + "'");
        if (!valueNames.add(valueName)) throw new IllegalArgumentException("duplicate value %" + valueName);
        Value v = new Value(valueName, type, null, 0);
        inputs.add(v);
        inputKeys.add(key);
        return v;
    }

    private Node insert(int index, Op op, List<Value> in, Map<String, ?> attrs, SourceRef src, String hint) {
        Node n = new Node(op, "", in, attrs, src);
        List<TensorType> types;
        try {
            types = ShapeInference.infer(n);
        } catch (RuntimeException e) {
            // importers collect failures and go on, so the operands must not keep a use by a node never added
            n.dropInputUses();
            throw e;
        }
        Value first = insertAt(index, n, types, hint);
        return first.producer();
    }

    private Value insertAt(int index, Node n, List<TensorType> types, String hint) {
        n.graph = this;
        nodes.add(index, n);
        for (int k = 0; k < types.size(); k++) {
            n.addOutput(new Value(uniqueName(hint), types.get(k), n, k));
        }
        return n.output();
    }

    private int countLeadingSources() {
        int i = 0;
        while (i < nodes.size() && nodes.get(i).op() == Op.PARAM) i++;
        return i;
    }

    /** Removes a node whose results nobody reads. */
    public void remove(Node n) {
        for (Value v : n.outputs()) {
            if (!v.uses.isEmpty() || isOutput(v)) {
                throw new IllegalStateException("cannot remove " + n + ": its result " + v + " is still used");
            }
        }
        n.dropInputUses();
        nodes.remove(n);
        n.graph = null;
    }

    /** Re-infers every node's result types in order, e.g. after a pass rewired inputs. */
    public void reinferTypes() {
        for (Node n : nodes) {
            if (n.op() == Op.PARAM) continue;
            List<TensorType> t = ShapeInference.infer(n);
            for (int k = 0; k < t.size(); k++) n.outputs().get(k).setType(t.get(k));
        }
    }

    private String uniqueName(String hint) {
        String base = hintFor(hint == null || hint.isEmpty() ? "v" : hint);
        // a pass that rewrites %a1_2 names the result a1_7, not a1_2_7: suffixes never pile up
        base = generatedFrom.getOrDefault(base, base);
        String candidate = base;
        while (!valueNames.add(candidate)) candidate = base + "_" + (++counter);
        if (!candidate.equals(base)) generatedFrom.put(candidate, base);
        return candidate;
    }

    /** Value names are printed bare after '%', so keep them to a safe alphabet. */
    static String hintFor(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.' ? c : '_');
        if (sb.length() == 0 || !Character.isLetter(sb.charAt(0)) && sb.charAt(0) != '_') sb.insert(0, 'v');
        return sb.toString();
    }
}
