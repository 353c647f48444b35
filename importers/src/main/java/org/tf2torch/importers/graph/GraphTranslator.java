package org.tf2torch.importers.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tf2torch.importers.ImportException;
import org.tf2torch.importers.ImportReport;
import org.tf2torch.importers.ops.OpContext;
import org.tf2torch.importers.ops.OpRegistry;
import org.tf2torch.importers.ops.TranslationException;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Value;

/**
 * Demand-driven translation of a TF graph into an IR {@link Graph}: resolving a tensor name translates its
 * node after its data inputs (control inputs are ignored, so savers, initialisers and NoOps that the outputs
 * do not need are never visited). Failures poison the node's outputs and are recorded in the report, so one
 * pass finds every unsupported op.
 */
public final class GraphTranslator {
    private static final java.util.Set<String> CALL_OPS = java.util.Set.of("StatefulPartitionedCall",
            "PartitionedCall");
    private static final java.util.Set<String> PASS_THROUGH = java.util.Set.of("Identity", "IdentityN",
            "StopGradient", "Snapshot", "PreventGradient");
    /** Ops the walker itself handles (not through the registry), for listings. */
    public static final java.util.Set<String> STRUCTURAL = java.util.Set.of("Placeholder", "PlaceholderWithDefault",
            "Identity", "IdentityN", "StopGradient", "Snapshot", "PreventGradient", "VarHandleOp", "VariableV2",
            "ReadVariableOp", "PartitionedCall", "StatefulPartitionedCall", "Switch", "Merge", "Enter", "Exit",
            "LoopCond", "NextIteration", "TensorArrayV3", "TensorArrayWriteV3", "TensorArrayReadV3",
            "TensorArrayGatherV3", "TensorArrayScatterV3", "TensorArraySizeV3", "TensorArrayConcatV3",
            "TensorArraySplitV3", "TensorArrayCloseV3", "While", "StatelessWhile", "TensorListReserve",
            "TensorListFromTensor", "TensorListGetItem", "TensorListSetItem", "TensorListStack", "TensorListLength",
            "TensorListElementShape", "EmptyTensorList", "TensorListPushBack", "TensorListPopBack", "If", "StatelessIf");
    /** TF1 while-loop plumbing, which only the loop rebuilder may translate. */
    private static final java.util.Set<String> LOOP_OPS = java.util.Set.of("Exit", "NextIteration", "LoopCond");

    private final Graph graph;
    private final OpRegistry registry;
    private final ImportReport report;
    private final Map<String, FunctionDef> library = new HashMap<>();
    private final VariableSource variables;
    private final PlaceholderSource placeholders;
    private final Frame top;
    private final Map<String, Integer> histogram = new java.util.TreeMap<>();
    private final java.util.Set<String> inlined = new java.util.HashSet<>();
    private final ControlFlowInfo cfi;
    private final WhileLoops loops;
    private final FunctionalWhile whiles;
    private final FunctionalIf ifs;

    public GraphTranslator(Graph graph, GraphDef def, OpRegistry registry, ImportReport report,
                           VariableSource variables, PlaceholderSource placeholders) {
        this.graph = graph;
        this.registry = registry;
        this.report = report;
        this.variables = variables;
        this.placeholders = placeholders;
        for (FunctionDef f : def.getLibrary().getFunctionList()) library.put(f.getSignature().getName(), f);
        this.top = new Frame("", false, def.getNodeList(), name -> null, graph);
        this.cfi = new ControlFlowInfo(def.getNodeList());
        this.loops = new WhileLoops(this, cfi);
        this.whiles = new FunctionalWhile(this, library::get);
        this.ifs = new FunctionalIf(this::inline, library::get);
    }

    public boolean hasNode(String name) { return top.nodes.containsKey(name); }

    public NodeDef node(String name) { return top.nodes.get(name); }

    /** Translates what the top-level tensor {@code ref} ({@code node} or {@code node:k}) needs. */
    public TfValue resolve(String ref) { return resolve(top, ref); }

    TfValue resolve(Frame f, String ref) {
        if (ref.startsWith("^")) throw new IllegalArgumentException("control input " + ref);
        String[] parts = ref.split(":");
        if (f.functionSyntax) {
            if (parts.length == 1) {
                TfValue arg = f.args.apply(parts[0]);
                if (arg != null) return arg;
                return output(f, parts[0], 0);
            }
            NodeDef n = nodeIn(f, parts[0]);
            int k = parts.length == 3 ? Integer.parseInt(parts[2]) : 0;
            int flat = OutputArgs.flatIndex(n.getOp(), parts[1], k);
            if (CALL_OPS.contains(n.getOp()) || library.containsKey(n.getOp()) || n.getOp().equals("IdentityN")) flat = k;
            if (flat < 0) {
                throw new ImportException("cannot map output '" + ref + "' of node '" + n.getName() + "' (" + n.getOp()
                        + ") in function " + f.function + ": unknown output argument '" + parts[1] + "'");
            }
            return output(f, parts[0], flat);
        }
        return output(f, parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
    }

    private NodeDef nodeIn(Frame f, String name) {
        NodeDef n = f.nodes.get(name);
        if (n == null) {
            throw new ImportException("node '" + name + "' is referenced but not defined"
                    + (f.function.isEmpty() ? " in the graph" : " in function " + f.function));
        }
        return n;
    }

    private TfValue output(Frame f, String nodeName, int index) {
        // TF1 frames only exist at top level: a function body's nodes are never in the graph's TF1 frames
        if (f.loop != null && !f.functionSyntax && !cfi.frameOf(nodeName).equals(f.tfFrame)) {
            return outerOutput(f, nodeName, index);
        }
        List<TfValue> outs = f.memo.get(nodeName);
        if (outs == null) {
            NodeDef n = nodeIn(f, nodeName);
            if (!f.inProgress.add(nodeName)) {
                report.addUnsupported(n.getOp(), nodeName, f.function, "graph cycle (TF1 control flow loop)");
                return TfValue.poison();
            }
            outs = translate(f, n);
            f.inProgress.remove(nodeName);
            f.memo.put(nodeName, outs);
        }
        if (index < outs.size()) return outs.get(index);
        if (outs.size() == 1 && (outs.get(0).isPoison() || outs.get(0).isDead())) return outs.get(0);
        NodeDef n = f.nodes.get(nodeName);
        report.addUnsupported(n.getOp(), nodeName, f.function, "output " + index + " is not supported");
        return TfValue.poison();
    }

    /** A node of an enclosing frame read inside a loop's cond or body: translated there, captured here. */
    private TfValue outerOutput(Frame f, String nodeName, int index) {
        String frame = cfi.frameOf(nodeName);
        for (Frame p = f.parent; p != null; p = p.parent) {
            if (p.tfFrame.equals(frame)) {
                try {
                    return f.loop.capture(f.graph, output(f.parent, nodeName, index));
                } catch (TranslationException e) {
                    report.addUnsupported(nodeIn(f, nodeName).getOp(), nodeName, f.function, e.getMessage());
                    return TfValue.poison();
                }
            }
        }
        report.addUnsupported(nodeIn(f, nodeName).getOp(), nodeName, f.function, "read inside while loop frame '"
                + f.tfFrame + "' but it belongs to frame '" + frame + "', which does not enclose it");
        return TfValue.poison();
    }

    /** Nodes of TF1 while loops reached other than through their Exits, which the walker cannot translate. */
    private String loopPlumbing(Frame f, NodeDef n) {
        String op = n.getOp();
        if (op.equals("Exit")) return f.functionSyntax ? "TF1 while loops inside functions are not supported" : null;
        if (LOOP_OPS.contains(op)) return "reached outside the while loop it belongs to";
        if (op.equals("Enter") && f.loop == null) {
            return f.functionSyntax ? "TF1 while loops inside functions are not supported"
                    : "reached outside the while loop it belongs to";
        }
        if (op.equals("Merge")) {
            for (String ref : n.getInputList()) {
                NodeDef in = f.nodes.get(ControlFlowInfo.nodeName(ref));
                if (in != null && in.getOp().equals("NextIteration")) return "while loop Merge reached outside its loop";
            }
        }
        return null;
    }

    /** Counts a node the loop rebuilder consumed without translating it (Merge, Switch, NextIteration, ...). */
    void count(String op) { histogram.merge(op, 1, Integer::sum); }

    /** TF ops visited so far (after inlining) with their counts. */
    /** Library functions whose bodies were inlined, and so checked for state changes (see {@link HiddenStateChanges}). */
    public java.util.Set<String> inlinedFunctions() { return java.util.Collections.unmodifiableSet(inlined); }

    public Map<String, Integer> histogram() { return java.util.Collections.unmodifiableMap(histogram); }

    private List<TfValue> translate(Frame f, NodeDef n) {
        String op = n.getOp();
        histogram.merge(op, 1, Integer::sum);
        // A signature may feed any tensor, not only a Placeholder (TF1 models often feed an Identity).
        TfValue fed = f.functionSyntax || f.loop != null ? null : placeholders.valueFor(n);
        if (fed != null) return List.of(fed);
        if (op.equals("Placeholder") || op.equals("PlaceholderWithDefault")) {
            if (op.equals("PlaceholderWithDefault")) return List.of(resolve(f, n.getInput(0)));
            report.addUnsupported(op, n.getName(), f.function, "placeholder that the signature does not feed");
            return List.of(TfValue.poison());
        }
        if (op.equals("VarHandleOp") || op.equals("VariableV2") || op.equals("Variable")) {
            String p = variables.parameterFor(n, f.function);
            return List.of(op.equals("VarHandleOp") ? TfValue.resource(p) : TfValue.of(param(f, p)));
        }
        String plumbing = loopPlumbing(f, n);
        if (plumbing != null) {
            report.addUnsupported(op, n.getName(), f.function, plumbing);
            return List.of(TfValue.poison());
        }
        if (op.equals("Exit")) {
            try {
                return List.of(loops.exit(f, n));
            } catch (TranslationException | ImportException | IllegalArgumentException | IllegalStateException ex) {
                report.addUnsupported(op, n.getName(), f.function, ex.getMessage());
                return List.of(TfValue.poison());
            }
        }
        List<TfValue> in = new ArrayList<>();
        for (String ref : n.getInputList()) if (!ref.startsWith("^")) in.add(resolve(f, ref));
        List<TfValue> pivots = condPivots(f, n);
        for (TfValue v : in) if (v.isPoison()) return List.of(TfValue.poison());
        // Enter with is_constant: its input was read from the enclosing frame and captured already
        if (op.equals("Enter")) return in.subList(0, 1);
        for (TfValue v : pivots) if (v.isPoison()) return List.of(TfValue.poison());
        List<TfValue> guarding = new ArrayList<>(in);
        guarding.addAll(pivots);
        TfValue guard;
        try {
            for (TfValue v : in) {
                if (v.isArray() && (op.equals("Merge") || op.equals("Switch"))) {
                    throw new TranslationException("TensorArray flows through a conditional; this is not supported");
                }
            }
            if (op.equals("Merge")) return f.conds.merge(n, in, f.function);
            for (TfValue v : guarding) if (v.isDead()) return List.of(TfValue.dead());
            if (op.equals("Switch")) return f.conds.split(n, in, f.function);
            guard = f.conds.commonGuard(guarding);
            if (FunctionalWhile.OPS.contains(op) || TensorLists.OPS.contains(op)) {
                if (guard != null) throw new TranslationException(op + " inside a conditional with a run-time predicate");
                return FunctionalWhile.OPS.contains(op) ? whiles.translate(f, n, in)
                        : TensorLists.translate(n, in, f.graph, f.function);
            }
            if (FunctionalIf.OPS.contains(op)) {
                if (guard != null) throw new TranslationException(op + " inside a conditional with a run-time predicate");
                return ifs.translate(f, n, in);
            }
            if (TensorArrays.OPS.contains(op)) {
                if (guard != null) {
                    throw new TranslationException("TensorArray op inside a conditional with a run-time predicate");
                }
                return TensorArrays.translate(n, in, f.graph, f.function);
            }
        } catch (TranslationException | IllegalArgumentException | IllegalStateException ex) {
            report.addUnsupported(op, n.getName(), f.function, ex.getMessage());
            return List.of(TfValue.poison());
        }
        if (PASS_THROUGH.contains(op)) {
            if (pivots.isEmpty() || guard == null) return in;
            List<TfValue> out = new ArrayList<>();
            for (TfValue v : in) out.add(v.isValue() ? guard.withValue(v.value()) : v);
            return out;
        }
        if (op.equals("ReadVariableOp") && in.get(0).isResource()) return List.of(TfValue.of(param(f, in.get(0).parameter())));
        if (op.equals("ResourceGather") && in.get(0).isResource() && in.get(1).isValue()) {
            try {
                Value rows = ResourceGathers.translate(n, param(f, in.get(0).parameter()), in.get(1).value(), f.graph,
                        f.function);
                return List.of(in.get(1).guard() == null ? TfValue.of(rows) : in.get(1).withValue(rows));
            } catch (TranslationException ex) {
                report.addUnsupported(op, n.getName(), f.function, ex.getMessage());
                return List.of(TfValue.poison());
            }
        }
        String callee = CALL_OPS.contains(op) ? n.getAttrMap().get("f").getFunc().getName() : op;
        if (library.containsKey(callee)) return inline(f, n, library.get(callee), in);
        String stateful = StatefulOps.reason(op);
        if (stateful != null) {
            report.addUnsupported(op, n.getName(), f.function, stateful);
            return List.of(TfValue.poison());
        }
        for (TfValue v : in) {
            if (v.isArray()) {
                report.addUnsupported(op, n.getName(), f.function, "reads a TensorArray handle or flow as a tensor");
                return List.of(TfValue.poison());
            }
            if (v.isResource()) {
                report.addUnsupported(op, n.getName(), f.function, "takes a variable handle (state is not supported)");
                return List.of(TfValue.poison());
            }
        }
        OpRegistry.Entry e = registry.get(op);
        if (e == null) {
            report.addUnsupported(op, n.getName(), f.function, "");
            return List.of(TfValue.poison());
        }
        List<Value> vals = new ArrayList<>();
        for (TfValue v : in) vals.add(v.value());
        try {
            List<TfValue> out = new ArrayList<>();
            for (Value v : e.translator().translate(new OpContext(n, vals, f.graph, f.function, report::addWarning))) {
                out.add(guard == null ? TfValue.of(v) : guard.withValue(v));
            }
            return out;
        } catch (TranslationException | ImportException | IllegalArgumentException | IllegalStateException ex) {
            report.addUnsupported(op, n.getName(), f.function, ex.getMessage());
            return List.of(TfValue.poison());
        }
    }

    /**
     * The cond pivots among {@code n}'s control inputs: TF1's cond puts the constants of a branch under a control
     * dependency on {@code Identity(Switch:k)}, and that edge is what makes them dead or guarded with the branch.
     * Other control inputs (savers, initialisers, asserts) are never visited.
     */
    private List<TfValue> condPivots(Frame f, NodeDef n) {
        List<TfValue> out = new ArrayList<>();
        for (String ref : n.getInputList()) {
            if (!ref.startsWith("^")) continue;
            String name = ref.substring(1);
            NodeDef c = f.nodes.get(name);
            if (c == null || !c.getOp().equals("Identity") || c.getInputCount() == 0) continue;
            String data = c.getInput(0);
            if (data.startsWith("^")) continue;
            NodeDef src = f.nodes.get(data.split(":")[0]);
            if (src != null && src.getOp().equals("Switch")) out.add(resolve(f, name));
        }
        return out;
    }

    /** A parameter's value in frame {@code f}: read in the top graph, captured into loops. */
    private Value param(Frame f, String name) {
        if (f.loop == null) return f.graph.param(name);
        return f.loop.capture(f.graph, param(f.parent, name));
    }

    /** State changes run through control dependencies the outputs do not show; finds them in a function body. */
    void reportStateChanges(FunctionDef fn, String path) {
        for (NodeDef bodyNode : fn.getNodeDefList()) {
            String why = StatefulOps.reason(bodyNode.getOp());
            if (why != null) report.addUnsupported(bodyNode.getOp(), bodyNode.getName(), path, why);
        }
    }

    private List<TfValue> inline(Frame caller, NodeDef call, FunctionDef fn, List<TfValue> in) {
        OpDef sig = fn.getSignature();
        if (sig.getInputArgCount() != in.size()) {
            throw new ImportException("call '" + call.getName() + "' passes " + in.size() + " inputs to function "
                    + sig.getName() + ", which takes " + sig.getInputArgCount());
        }
        List<TfValue> rnn = KerasRnnCalls.translate(this, caller, call, fn, in, library, report::addWarning);
        if (rnn != null) return rnn;
        Map<String, TfValue> args = new HashMap<>();
        for (int i = 0; i < in.size(); i++) args.put(sig.getInputArg(i).getName(), in.get(i));
        String path = caller.function.isEmpty() ? sig.getName() : caller.function + " > " + sig.getName();
        inlined.add(sig.getName());
        reportStateChanges(fn, path);
        Frame body = new Frame(path, true, fn.getNodeDefList(), args::get, caller.graph, caller.parent, caller.loop);
        List<TfValue> out = new ArrayList<>();
        for (OpDef.ArgDef a : sig.getOutputArgList()) {
            String ret = fn.getRetMap().get(a.getName());
            if (ret == null) throw new ImportException("function " + sig.getName() + " does not define output " + a.getName());
            out.add(resolve(body, ret));
        }
        return out;
    }
}
