package org.tf2torch.importers.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tf2torch.importers.ops.TranslationException;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.SourceRef;
import org.tf2torch.ir.TensorType;
import org.tf2torch.ir.Value;

/**
 * TF2 functional loops ({@code While}, {@code StatelessWhile}: cond and body are library functions over the loop
 * variables) as IR {@link Op#LOOP} nodes, built with the same {@link WhileLoop} as the TF1 rebuilder: the cond and
 * body functions are translated into the loop's subgraphs with their arguments bound to the carried inputs.
 * A loop variable the body returns unchanged (Keras passes kernels, the iteration limit and the input list this
 * way) is not carried: it becomes a capture, and the While's output for it is its input. When a carried value
 * changes shape between iterations the loop is rebuilt with the shapes generalized.
 */
final class FunctionalWhile {
    static final Set<String> OPS = Set.of("While", "StatelessWhile");
    private static final int ATTEMPTS = 3;

    private final GraphTranslator translator;
    private final Function<String, FunctionDef> library;

    FunctionalWhile(GraphTranslator translator, Function<String, FunctionDef> library) {
        this.translator = translator;
        this.library = library;
    }

    List<TfValue> translate(Frame f, NodeDef n, List<TfValue> in) {
        FunctionDef cond = function(n, "cond");
        FunctionDef body = function(n, "body");
        int vars = in.size();
        OpDef cs = cond.getSignature();
        OpDef bs = body.getSignature();
        if (cs.getInputArgCount() != vars || bs.getInputArgCount() != vars || bs.getOutputArgCount() != vars
                || cs.getOutputArgCount() != 1) {
            throw new TranslationException(n.getOp() + " '" + n.getName() + "' has " + vars + " loop variables but its "
                    + "cond takes " + cs.getInputArgCount() + " and its body takes " + bs.getInputArgCount()
                    + " and returns " + bs.getOutputArgCount());
        }
        String path = f.function.isEmpty() ? n.getName() : f.function + " > " + n.getName();
        translator.reportStateChanges(cond, path + " > " + cs.getName());
        translator.reportStateChanges(body, path + " > " + bs.getName());
        // carried[k]: the position of loop variable k among the loop's carried values, or -1 when invariant
        int[] carried = new int[vars];
        List<String> keys = new ArrayList<>();
        List<TensorType> types = new ArrayList<>();
        for (int k = 0; k < vars; k++) {
            if (passesThrough(body, k)) {
                carried[k] = -1;
                continue;
            }
            TfValue v = in.get(k);
            if (v.isResource()) {
                throw new TranslationException(n.getOp() + " '" + n.getName() + "' changes loop variable " + k
                        + ", a variable handle; loop state in variables is not supported");
            }
            carried[k] = keys.size();
            keys.add(bs.getInputArg(k).getName());
            types.add(initialType(v, dense(v, n, k)));
        }
        for (int attempt = 1; ; attempt++) {
            WhileLoop loop = new WhileLoop(n.getName(), keys, types);
            Frame cf = new Frame(path + " > " + cs.getName(), true, cond.getNodeDefList(),
                    args(cs, in, carried, loop, loop.cond), loop.cond, f, loop);
            Frame bf = new Frame(path + " > " + bs.getName(), true, body.getNodeDefList(),
                    args(bs, in, carried, loop, loop.body), loop.body, f, loop);
            TfValue c = translator.resolve(cf, ret(cond, 0));
            if (c.isPoison()) return poison(vars);
            loop.cond.setOutput("cond", predicate(loop, c, n));
            List<TensorType> next = new ArrayList<>();
            for (int k = 0; k < vars; k++) {
                if (carried[k] < 0) continue;
                TfValue v = translator.resolve(bf, ret(body, k));
                if (v.isPoison()) return poison(vars);
                Value data = dense(v, n, k);
                loop.body.setOutput(keys.get(carried[k]), data);
                next.add(WhileLoops.join(types.get(carried[k]), data.type(), n.getName() + ":" + k));
            }
            if (next.equals(types)) return finish(f, n, loop, in, carried);
            if (attempt == ATTEMPTS) {
                throw new TranslationException("the shapes of the loop variables of " + n.getOp() + " '" + n.getName()
                        + "' do not settle: " + types + " then " + next);
            }
            types = next;
        }
    }

    private FunctionDef function(NodeDef n, String attr) {
        if (!n.getAttrMap().containsKey(attr)) {
            throw new TranslationException(n.getOp() + " '" + n.getName() + "' has no '" + attr + "' function");
        }
        String name = n.getAttrMap().get(attr).getFunc().getName();
        FunctionDef fn = library.apply(name);
        if (fn == null) {
            throw new TranslationException(n.getOp() + " '" + n.getName() + "' calls " + attr + " function '" + name
                    + "', which is not in the graph's function library");
        }
        return fn;
    }

    /** Binds the function's arguments: carried variables to the subgraph's inputs, invariant ones to captures. */
    private static Function<String, TfValue> args(OpDef sig, List<TfValue> in, int[] carried, WhileLoop loop,
                                                  org.tf2torch.ir.Graph g) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int k = 0; k < sig.getInputArgCount(); k++) index.put(sig.getInputArg(k).getName(), k);
        return name -> {
            Integer k = index.get(name);
            if (k == null) return null;
            if (carried[k] < 0) return loop.capture(g, in.get(k));
            return inLoop(in.get(k), g.inputs().get(carried[k]));
        };
    }

    /** The output ref of the function's output argument {@code k}. */
    private static String ret(FunctionDef fn, int k) {
        String name = fn.getSignature().getOutputArg(k).getName();
        String ref = fn.getRetMap().get(name);
        if (ref == null) throw new TranslationException("function " + fn.getSignature().getName() + " does not define output " + name);
        return ref;
    }

    /** Whether the body returns its argument {@code k} unchanged, directly or through Identity nodes. */
    private static boolean passesThrough(FunctionDef body, int k) {
        String arg = body.getSignature().getInputArg(k).getName();
        String ref = ret(body, k);
        Map<String, NodeDef> nodes = new java.util.HashMap<>();
        for (NodeDef d : body.getNodeDefList()) nodes.put(d.getName(), d);
        for (int depth = 0; depth < 64; depth++) {
            String[] parts = ref.split(":");
            if (parts.length == 1) return parts[0].equals(arg);
            NodeDef d = nodes.get(parts[0]);
            if (d == null || !d.getOp().equals("Identity") || d.getInputCount() == 0 || d.getInput(0).startsWith("^")) {
                return false;
            }
            ref = d.getInput(0);
        }
        return false;
    }

    /** TF's While reads a non-bool cond result as "non-zero"; the IR loop needs a bool scalar. */
    private static Value predicate(WhileLoop loop, TfValue c, NodeDef n) {
        Value pred = dense(c, n, -1);
        if (pred.shape().hasRank() && pred.shape().rank() != 0) {
            throw new TranslationException("the cond function of " + n.getOp() + " '" + n.getName() + "' returns "
                    + pred.type() + "; a scalar is needed");
        }
        if (pred.dtype() == DType.BOOL) return pred;
        SourceRef src = new SourceRef(n.getName(), n.getOp(), "");
        return loop.cond.add(Op.CAST, List.of(pred), Map.of("to", DType.BOOL), src, "cond").output();
    }

    private List<TfValue> finish(Frame f, NodeDef n, WhileLoop loop, List<TfValue> in, int[] carried) {
        List<Value> inputs = new ArrayList<>();
        for (int k = 0; k < in.size(); k++) if (carried[k] >= 0) inputs.add(dense(in.get(k), n, k));
        int count = inputs.size();
        inputs.addAll(loop.captured());
        SourceRef src = new SourceRef(n.getName(), n.getOp(), f.function);
        List<Value> outs = f.graph.add(Op.LOOP, inputs, Map.of("carried", (long) count, "cond", loop.cond,
                "body", loop.body), src, n.getName()).outputs();
        List<TfValue> results = new ArrayList<>();
        for (int k = 0; k < in.size(); k++) {
            results.add(carried[k] < 0 ? in.get(k) : inLoop(in.get(k), outs.get(carried[k])));
        }
        return results;
    }

    /**
     * The type a loop variable starts with: a list's element dims the declaration leaves unknown (held as size 1
     * until a write broadcasts them) start unknown, which saves rebuilding the loop once the body writes.
     */
    private static TensorType initialType(TfValue v, Value data) {
        Shape e = v.isArray() ? v.array().element() : null;
        Shape s = data.shape();
        if (e == null || e.isStatic() || !s.hasRank() || s.rank() != e.rank() + 1) return data.type();
        List<Dim> dims = new ArrayList<>(s.dims());
        for (int i = 0; i < e.rank(); i++) if (!e.dim(i).isStatic()) dims.set(i + 1, Dim.unknown());
        return data.type().withShape(Shape.of(dims));
    }

    /** What loop variable {@code init} becomes when its value is {@code v}: a TensorList keeps its facts. */
    private static TfValue inLoop(TfValue init, Value v) {
        if (!init.isArray()) return TfValue.of(v);
        TensorArrayState a = init.array();
        long size = v.shape().hasRank() && v.shape().rank() > 0 && v.shape().dim(0).isStatic()
                ? v.shape().dim(0).size() : -1;
        return TfValue.array(a.withContents(v, size, a.element()));
    }

    /** The dense tensor holding loop variable {@code k} (-1: the cond result). */
    private static Value dense(TfValue v, NodeDef n, int k) {
        String what = k < 0 ? "the cond result" : "loop variable " + k;
        if (v.isArray()) {
            TensorArrayState a = v.array();
            if (a.handle() || a.data() == null) {
                throw new TranslationException(n.getOp() + " '" + n.getName() + "' carries list '" + a.name()
                        + "' as " + what + " before its element shape is known (declare the element shape)");
            }
            return a.data();
        }
        if (v.isResource()) {
            throw new TranslationException(n.getOp() + " '" + n.getName() + "': " + what + " is a variable handle");
        }
        if (v.isDead() || v.guard() != null) {
            throw new TranslationException(n.getOp() + " '" + n.getName() + "': " + what + " comes from a branch of "
                    + "a conditional");
        }
        return v.value();
    }

    private static List<TfValue> poison(int n) {
        List<TfValue> out = new ArrayList<>();
        for (int k = 0; k < n; k++) out.add(TfValue.poison());
        return out;
    }
}
