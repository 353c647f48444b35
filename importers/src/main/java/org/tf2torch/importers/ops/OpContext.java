package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.NodeDef;
import org.tf2torch.importers.TfTypes;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.SourceRef;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/** One TF node as a translator sees it: its attributes, its translated inputs, and a way to add IR nodes. */
public final class OpContext {
    private final NodeDef node;
    private final List<Value> inputs;
    private final Graph graph;
    private final SourceRef source;
    private final java.util.function.Consumer<String> warnings;

    public OpContext(NodeDef node, List<Value> inputs, Graph graph, String function) {
        this(node, inputs, graph, function, w -> { });
    }

    /** {@code warnings} receives what {@link #warn} reports (the import report collects it). */
    public OpContext(NodeDef node, List<Value> inputs, Graph graph, String function,
                     java.util.function.Consumer<String> warnings) {
        this.node = node;
        this.inputs = inputs;
        this.graph = graph;
        this.source = new SourceRef(node.getName(), node.getOp(), function);
        this.warnings = warnings;
    }

    public NodeDef node() { return node; }
    public String name() { return node.getName(); }
    public String op() { return node.getOp(); }
    public Graph graph() { return graph; }
    public SourceRef source() { return source; }
    public int numInputs() { return inputs.size(); }
    public List<Value> inputs() { return inputs; }

    public Value input(int i) {
        if (i >= inputs.size()) throw new TranslationException("expected at least " + (i + 1) + " inputs, got " + inputs.size());
        return inputs.get(i);
    }

    /** The value of input {@code i}, which must be a constant once folded (axes, shapes, paddings). */
    public Tensor constInput(int i) {
        Value v = org.tf2torch.ir.passes.ConstantFolding.foldValue(graph, input(i));
        inputs.set(i, v);
        if (!v.isConstant()) {
            throw new TranslationException("input " + i + " must be a constant here, but it is computed at run time");
        }
        return v.constantValue();
    }

    public long[] constInts(int i) { return TensorValues.toLongs(constInput(i)); }

    /**
     * Reports a conversion that is faithful only in a qualified sense (e.g. a seeded random op frozen to its first
     * draw); the message is prefixed with the node and op, and the conversion goes on.
     */
    public void warn(String message) {
        String where = source.function() == null || source.function().isEmpty() ? "" : " in " + source.function();
        warnings.accept("node '" + name() + "' (" + op() + ")" + where + ": " + message);
    }

    public boolean hasAttr(String name) { return node.getAttrMap().containsKey(name); }

    public AttrValue attr(String name) {
        AttrValue a = node.getAttrMap().get(name);
        if (a == null) throw new TranslationException("attribute '" + name + "' is missing");
        return a;
    }

    public long attrInt(String name, long def) { return hasAttr(name) ? attr(name).getI() : def; }
    public float attrFloat(String name, float def) { return hasAttr(name) ? attr(name).getF() : def; }
    public boolean attrBool(String name, boolean def) { return hasAttr(name) ? attr(name).getB() : def; }

    public String attrString(String name, String def) {
        return hasAttr(name) ? attr(name).getS().toStringUtf8() : def;
    }

    public long[] attrInts(String name) {
        if (!hasAttr(name)) return new long[0];
        return attr(name).getList().getIList().stream().mapToLong(Long::longValue).toArray();
    }

    public DType attrType(String name) { return TfTypes.fromProto(attr(name).getType()); }

    /** Adds an IR node; one whose operands are all constants becomes a constant at once, so shapes stay known. */
    public Value add(Op op, List<Value> in, Map<String, ?> attrs) {
        Value v = graph.add(op, in, attrs, source, name()).output();
        return org.tf2torch.ir.passes.ConstantFolding.foldIfConstant(graph, v);
    }

    public Value add(Op op, Value... in) { return add(op, List.of(in), Map.of()); }

    public Value constant(Tensor t) { return graph.constant(t, source, name()); }

    public Value i64(long... values) { return constant(TensorValues.i64Vector(values)); }

    /** A scalar constant of the given dtype, for composing ops (e.g. a Relu6 bound). */
    public Value scalar(DType dt, double v) { return constant(TensorValues.scalar(dt, v)); }
}
