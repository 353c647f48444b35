package org.tf2torch.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One operation of a {@link Graph}: an {@link Op}, operand values, result values and attributes. */
public final class Node {
    private final Op op;
    private final String name;
    private final List<Value> inputs = new ArrayList<>();
    private final List<Value> outputs = new ArrayList<>();
    private final Attrs attrs;
    private final SourceRef source;
    Graph graph;

    Node(Op op, String name, List<Value> inputs, Map<String, ?> attrs, SourceRef source) {
        int n = inputs.size();
        if (n < op.minInputs() || (op.maxInputs() >= 0 && n > op.maxInputs())) {
            throw new IllegalArgumentException(op.textName() + " takes " + op.minInputs()
                    + (op.maxInputs() == op.minInputs() ? "" : ".." + (op.maxInputs() < 0 ? "n" : op.maxInputs()))
                    + " inputs, got " + n);
        }
        this.op = op;
        this.name = name;
        this.attrs = Attrs.validate(op, attrs);
        this.source = source == null ? SourceRef.NONE : source;
        // all checks before the first use is recorded, so a rejected node leaves no trace on its operands
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) == null) throw new IllegalArgumentException(op.textName() + " input " + i + " is null");
        }
        for (int i = 0; i < inputs.size(); i++) {
            Value v = inputs.get(i);
            this.inputs.add(v);
            v.uses.add(new Use(this, i));
        }
    }

    public Op op() { return op; }
    public String name() { return name; }
    public List<Value> inputs() { return Collections.unmodifiableList(inputs); }
    public Value input(int i) { return inputs.get(i); }
    public List<Value> outputs() { return Collections.unmodifiableList(outputs); }
    public Value output() { return outputs.get(0); }
    public Attrs attrs() { return attrs; }
    public SourceRef source() { return source; }
    public Graph graph() { return graph; }

    void addOutput(Value v) { outputs.add(v); }

    /** Points operand {@code i} at {@code v}, keeping both values' use lists right. */
    public void setInput(int i, Value v) {
        Value old = inputs.get(i);
        old.uses.removeIf(u -> u.user() == this && u.operand() == i);
        inputs.set(i, v);
        v.uses.add(new Use(this, i));
    }

    void dropInputUses() {
        for (int i = 0; i < inputs.size(); i++) {
            final int k = i;
            inputs.get(i).uses.removeIf(u -> u.user() == this && u.operand() == k);
        }
    }

    @Override
    public String toString() { return op.textName() + " " + outputs + " " + source.describe(); }
}
