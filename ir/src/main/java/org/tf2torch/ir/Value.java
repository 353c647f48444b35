package org.tf2torch.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An SSA value: produced once (by a node, or as a graph input), read by any number of uses. */
public final class Value {
    private final String name;
    private TensorType type;
    private final Node producer;
    private final int index;
    final List<Use> uses = new ArrayList<>();

    Value(String name, TensorType type, Node producer, int index) {
        this.name = name;
        this.type = type;
        this.producer = producer;
        this.index = index;
    }

    public String name() { return name; }
    public TensorType type() { return type; }
    public DType dtype() { return type.dtype(); }
    public Shape shape() { return type.shape(); }

    /** Refines the type, e.g. when shape inference learns more. */
    public void setType(TensorType t) { this.type = t; }

    /** The producing node; null for a graph input. */
    public Node producer() { return producer; }

    /** Output slot in the producer. */
    public int index() { return index; }

    public List<Use> uses() { return Collections.unmodifiableList(uses); }

    public boolean isGraphInput() { return producer == null; }

    /** True when produced by a CONSTANT node. */
    public boolean isConstant() { return producer != null && producer.op() == Op.CONSTANT; }

    /** The constant's tensor; null when this value is not a constant. */
    public Tensor constantValue() { return isConstant() ? producer.attrs().tensor("value") : null; }

    /** Redirects every use of this value to {@code other}. */
    public void replaceAllUsesWith(Value other) {
        if (other == this) return;
        for (Use u : new ArrayList<>(uses)) u.user().setInput(u.operand(), other);
    }

    @Override
    public String toString() { return "%" + name; }
}
