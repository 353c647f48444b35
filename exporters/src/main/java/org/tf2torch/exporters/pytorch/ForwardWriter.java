package org.tf2torch.exporters.pytorch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.exporters.pytorch.ops.Dialect;
import org.tf2torch.exporters.pytorch.ops.EmitContext;
import org.tf2torch.exporters.pytorch.ops.Emitters;
import org.tf2torch.exporters.pytorch.ops.PyLiterals;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorType;
import org.tf2torch.ir.Value;

/**
 * Writes the body of {@code forward} in one dialect: one statement per IR node (plus the temporaries an
 * emitter asks for), locals named after IR values, the return of the single output or of a dict keyed by the
 * signature's output names. Parameters, buffered constants and identities define no statement: their
 * expression is {@code self.<attr>} or their operand's. Inline constants are written just before their first
 * reader, so a constant only read as literal sizes (a reshape target) leaves no trace.
 */
final class ForwardWriter implements EmitContext {
    /** The method's text: argument names in input order, body lines without indentation. */
    record Body(List<String> args, List<String> lines, boolean dictOutput) {}

    private final ModulePlan plan;
    private final Dialect dialect;
    private final NameScope scope = NameScope.forLocals();
    private final Map<Value, String> exprs = new IdentityHashMap<>();
    private final List<String> lines = new ArrayList<>();
    private Node current;
    private boolean resultWritten;
    /** Prefix of every line written now: loop bodies nest. */
    private String indent = "";

    private ForwardWriter(ModulePlan plan, Dialect dialect) {
        this.plan = plan;
        this.dialect = dialect;
    }

    static Body write(ModulePlan plan, Dialect dialect) {
        return new ForwardWriter(plan, dialect).run();
    }

    private Body run() {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < plan.graph.inputs().size(); i++) {
            String name = scope.claim(plan.graph.inputKeys().get(i));
            args.add(name);
            exprs.put(plan.graph.inputs().get(i), name);
        }
        emitNodes(plan.liveNodes());
        Map<String, Value> outs = plan.graph.outputs();
        boolean dict = outs.size() > 1;
        if (!dict) {
            line("return " + expr(outs.values().iterator().next()));
        } else {
            List<String> items = new ArrayList<>();
            for (Map.Entry<String, Value> e : outs.entrySet()) {
                items.add(PyStrings.literal(e.getKey()) + ": " + expr(e.getValue()));
            }
            if (dialect == Dialect.EAGER) {
                line("return {");
                for (String item : items) line("    " + item + ",");
                line("}");
            } else {
                // TorchScript's own parser rejects the trailing comma of the multi-line form.
                line("return {" + String.join(", ", items) + "}");
            }
        }
        return new Body(Collections.unmodifiableList(args), Collections.unmodifiableList(lines), dict);
    }

    /** Writes the statements of {@code nodes} (in order) at the current indentation. */
    void emitNodes(List<Node> nodes) {
        for (Node n : nodes) {
            current = n;
            if (plan.isAbsorbed(n)) continue;
            LayerMatcher.Call call = plan.layerCall(n);
            if (call != null) {
                layerCall(call, plan.layerCallModule(n));
                continue;
            }
            switch (n.op()) {
                case PARAM:
                    exprs.put(n.output(), "self." + plan.paramExpr(n.attrs().s("name")));
                    break;
                case CONSTANT: {
                    String attr = plan.constantAttr(n.output());
                    if (attr != null) exprs.put(n.output(), "self." + attr);
                    break;
                }
                case IDENTITY:
                    exprs.put(n.output(), expr(n.input(0)));
                    break;
                case LOOP:
                    LoopWriter.write(this, n);
                    current = null;
                    break;
                default:
                    resultWritten = false;
                    try {
                        Emitters.get(n.op()).emit(this);
                    } catch (UnsupportedOperationException e) {
                        throw new UnsupportedOperationException("cannot write " + n + ": " + e.getMessage(), e);
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException("cannot write " + n + ": " + e.getMessage(), e);
                    }
                    if (!resultWritten) throw new IllegalStateException("emitter for " + n.op() + " wrote no result");
            }
        }
        current = null;
    }

    /** {@code self.<layer>(x)}, padding first where TF's padding is not one torch's layer can hold. */
    private void layerCall(LayerMatcher.Call call, ModuleTree.Module m) {
        resultWritten = false;
        if (call.head().outputs().size() > 1) {
            RnnLayers.writeCall(this, call, m);
            return;
        }
        String x = expr(call.input());
        if (call.pad() != null) {
            x = temp(current.output().name() + "_pad", dialect.call(dialect.nn("pad")).arg(x)
                    .arg(PyLiterals.ints(call.pad())).opt("mode", "\"constant\"", "\"constant\"")
                    .opt("value", "None", "None").render());
        }
        // The serialized dialect has no __call__ on modules: torch itself writes (self.m).forward(x).
        String y = dialect == Dialect.EAGER ? "self." + m.path() + "(" + x + ")"
                : "(self." + m.path() + ").forward(" + x + ")";
        if (call.cropBegin() != null) {
            // TF's asymmetric SAME removes more at the end than torch's symmetric padding can: cut the rest here
            y = temp(current.output().name() + "_full", y);
            org.tf2torch.ir.Shape out = current.output().shape();
            for (int i = 0; i < call.cropBegin().length; i++) {
                y = dialect.method(y, "narrow", PyLiterals.integer(2 + i), PyLiterals.integer(call.cropBegin()[i]),
                        PyLiterals.integer(out.dim(2 + i).size()));
            }
        }
        result(y);
    }

    /** The expression for {@code v}, writing an inline constant's statement the first time. */
    String expr(Value v) {
        String e = exprs.get(v);
        if (e != null) return e;
        if (!v.isConstant()) throw new IllegalStateException(v + " is read before it is defined");
        String name = scope.claim(v.name());
        line(name + " = " + PyLiterals.tensor(v.constantValue(), dialect) + provenance(v.producer()));
        exprs.put(v, name);
        return name;
    }

    /** A trailing {@code # tf "<node>"} in model.py; the archive's code is for machines and stays bare. */
    String provenance(Node n) {
        if (dialect != Dialect.EAGER || n.source().node().isEmpty()) return "";
        return "  # tf " + PyStrings.quotedComment(n.source().node());
    }

    /** Adds one statement at the current indentation. */
    void line(String text) { lines.add(indent + text); }

    /** Indents the statements that follow by one more level ({@code +1}) or one less ({@code -1}). */
    void nest(int delta) {
        indent = delta > 0 ? indent + "    " : indent.substring(4);
    }

    /** Makes {@code v} read as {@code expr} (a local or an attribute) from now on. */
    void bind(Value v, String expr) { exprs.put(v, expr); }

    /** Drops what the values of {@code g}'s nodes and inputs were bound to, so {@code g} can be written again. */
    void forget(org.tf2torch.ir.Graph g) {
        for (Value v : g.inputs()) exprs.remove(v);
        for (Node n : g.nodes()) for (Value v : n.outputs()) exprs.remove(v);
    }

    String claim(String hint) { return scope.claim(hint); }

    ModulePlan plan() { return plan; }

    @Override
    public Dialect dialect() { return dialect; }

    @Override
    public Node node() { return current; }

    @Override
    public String operand(int i) { return expr(current.input(i)); }

    @Override
    public Tensor constant(int i) { return current.input(i).constantValue(); }

    @Override
    public TensorType operandType(int i) { return current.input(i).type(); }

    @Override
    public TensorType resultType() { return current.output().type(); }

    @Override
    public String temp(String hint, String expr) {
        String name = scope.claim(hint);
        line(name + " = " + expr);
        return name;
    }

    @Override
    public String freshName(String hint) { return scope.claim(hint); }

    @Override
    public void statement(String line) { line(line); }

    @Override
    public void result(String expr) {
        if (resultWritten) throw new IllegalStateException("emitter for " + current.op() + " wrote two results");
        resultWritten = true;
        if (current.outputs().size() != 1) throw new IllegalStateException(current.op() + " must have one result");
        String name = scope.claim(current.output().name());
        line(name + " = " + expr + provenance(current));
        exprs.put(current.output(), name);
    }

    @Override
    public void block(String header, List<String> body) {
        line(header);
        for (String line : body) line("    " + line);
    }

    @Override
    public void raiseIf(String condition, String message) {
        line("if " + condition + ":");
        // The archive's code is in TorchScript's serialized form, where a raise is this builtin call.
        line(dialect == Dialect.EAGER ? "    raise RuntimeError(" + PyStrings.literal(message) + ")"
                : "    ops.prim.RaiseException(" + PyStrings.literal(message) + ")");
    }

    @Override
    public void results(String expr) {
        if (resultWritten) throw new IllegalStateException("emitter for " + current.op() + " wrote two results");
        resultWritten = true;
        List<String> names = new ArrayList<>();
        for (Value v : current.outputs()) names.add(scope.claim(v.name()));
        // One result: index rather than "a, = ...", which reads like a typo.
        String target = String.join(", ", names);
        line(target + " = " + (names.size() == 1 ? expr + "[0]" : expr) + provenance(current));
        for (int k = 0; k < names.size(); k++) exprs.put(current.outputs().get(k), names.get(k));
    }
}
