package org.tf2torch.importers.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.NodeDef;
import org.tf2torch.importers.graph.RnnCellPatterns.Ref;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.SourceRef;
import org.tf2torch.ir.Value;

/**
 * Keras's LSTM and GRU layers as one IR op each. Keras saves such a layer as a call of a library function
 * ({@code standard_lstm} / {@code standard_gru}, attribute {@code api_implements = "lstm_<uuid>"}) whose body
 * runs the cell in a {@code StatelessWhile} over TensorLists; a cuDNN twin ({@code gpu_lstm_with_fallback})
 * shares the {@code api_implements} value. A call of either becomes {@link Op#LSTM} / {@link Op#GRU} once the
 * generic body is proven to be that layer: the argument list (no mask, no sequence lengths), the weight shapes,
 * batch-major input (Transpose [1,0,2] of the input, then an optional ReverseV2 for go_backwards), and the
 * cell itself matched node by node ({@link RnnCellPatterns}) inside the loop body (or in every step of a body
 * unrolled over a static time length). Anything else is inlined op by op as before, with a warning saying why.
 */
final class KerasRnnCalls {
    private static final Pattern LSTM_NAME = Pattern.compile("(^|_)standard_lstm(_|$)");
    private static final Pattern GRU_NAME = Pattern.compile("(^|_)standard_gru(_|$)");
    private static final Pattern CUDNN_NAME = Pattern.compile("(^|_)(gpu|cudnn)_(lstm|gru)(_|$)");

    private KerasRnnCalls() {}

    private static String apiImplements(FunctionDef fn) {
        for (String k : new String[] {"api_implements", "_api_implements"}) {
            AttrValue v = fn.getAttrMap().get(k);
            if (v != null) return v.getS().toStringUtf8();
        }
        return null;
    }

    private static Boolean flag(FunctionDef fn, String name) {
        AttrValue v = fn.getAttrMap().get(name);
        return v == null ? null : v.getB();
    }

    /** "lstm", "gru" or null from the function's name (and its api_implements, when it has one). */
    static String kind(FunctionDef fn) {
        String name = fn.getSignature().getName();
        String api = apiImplements(fn);
        String kind = LSTM_NAME.matcher(name).find() ? "lstm" : GRU_NAME.matcher(name).find() ? "gru" : null;
        if (kind == null || api != null && !api.startsWith(kind + "_")) return null;
        return kind;
    }

    /** For a call of Keras's cuDNN body: the generic body with the same api_implements, else {@code fn}. */
    static FunctionDef generic(FunctionDef fn, Map<String, FunctionDef> library) {
        String api = apiImplements(fn);
        if (api == null || !CUDNN_NAME.matcher(fn.getSignature().getName()).find()) return fn;
        for (FunctionDef f : library.values()) {
            if (api.equals(apiImplements(f)) && kind(f) != null
                    && f.getSignature().getInputArgCount() == fn.getSignature().getInputArgCount()
                    && f.getSignature().getOutputArgCount() == fn.getSignature().getOutputArgCount()) {
                return f;
            }
        }
        return fn;
    }

    /**
     * The call's results when {@code fn} is a Keras LSTM/GRU body, else null (inline it). {@code runtime} resolves
     * a function output through the ordinary walker (Keras's constant "runtime" output).
     */
    static List<TfValue> translate(GraphTranslator walker, Frame caller, NodeDef call, FunctionDef called,
                                   List<TfValue> in, Map<String, FunctionDef> library, Consumer<String> warn) {
        FunctionDef fn = generic(called, library);
        String path = caller.function.isEmpty() ? fn.getSignature().getName()
                : caller.function + " > " + fn.getSignature().getName();
        // Keras's "runtime" output is a constant of the body; the walker translates just that.
        java.util.function.IntFunction<TfValue> runtime = k -> walker.resolve(new Frame(path, true, fn.getNodeDefList(),
                name -> null, caller.graph), fn.getRetMap().get(fn.getSignature().getOutputArg(k).getName()));
        Graph g = caller.graph;
        String callerFunction = caller.function;
        String kind = kind(fn);
        if (kind == null) return null;
        try {
            return build(kind, call, callerFunction, fn, in, g, library, runtime);
        } catch (KerasRnnBodies.NotTheLayer e) {
            warn.accept("call '" + call.getName() + "' of " + fn.getSignature().getName() + " (Keras " + kind.toUpperCase()
                    + ") is not converted to one " + kind + " op: " + e.getMessage() + "; its body is translated op by op");
            return null;
        }
    }

    private static List<TfValue> build(String kind, NodeDef call, String callerFunction, FunctionDef fn,
                                       List<TfValue> in, Graph g, Map<String, FunctionDef> library,
                                       java.util.function.IntFunction<TfValue> runtime) throws KerasRnnBodies.NotTheLayer {
        boolean lstm = kind.equals("lstm");
        int nIn = lstm ? 6 : 5;
        int nOut = lstm ? 5 : 4;
        if (fn.getSignature().getInputArgCount() != nIn || fn.getSignature().getOutputArgCount() != nOut) {
            throw new KerasRnnBodies.NotTheLayer("it takes " + fn.getSignature().getInputArgCount() + " inputs and returns "
                    + fn.getSignature().getOutputArgCount() + " (a mask or sequence lengths are not supported)");
        }
        List<Value> v = new ArrayList<>();
        for (TfValue t : in) {
            if (!t.isValue() || t.guard() != null) throw new KerasRnnBodies.NotTheLayer("an argument is not a plain tensor");
            v.add(t.value());
        }
        int gates = lstm ? 4 : 3;
        Value x = v.get(0);
        Value w = v.get(lstm ? 3 : 2);
        Value r = v.get(lstm ? 4 : 3);
        Value b = v.get(lstm ? 5 : 4);
        DType dt = x.dtype();
        for (Value a : v) if (a.dtype() != dt || !dt.isFloating()) throw new KerasRnnBodies.NotTheLayer("arguments of mixed or non-float types");
        Shape xs = x.shape();
        if (!xs.hasRank() || xs.rank() != 3 || !xs.dim(2).isStatic()) throw new KerasRnnBodies.NotTheLayer("input shape " + xs);
        if (!r.shape().isStatic() || r.shape().rank() != 2) throw new KerasRnnBodies.NotTheLayer("recurrent kernel shape " + r.shape());
        long units = r.shape().sizes()[0];
        if (!r.shape().equals(Shape.of(units, gates * units))
                || !w.shape().equals(Shape.of(xs.dim(2).size(), gates * units))
                || !b.shape().equals(lstm ? Shape.of(gates * units) : Shape.of(2, gates * units))) {
            throw new KerasRnnBodies.NotTheLayer("weight shapes " + w.shape() + ", " + r.shape() + ", " + b.shape() + " for input " + xs
                    + (lstm ? "" : " (GRU needs reset_after=True, bias [2, 3*units])"));
        }
        for (int i = 1; i < (lstm ? 3 : 2); i++) {
            Shape s = v.get(i).shape();
            if (!s.hasRank() || s.rank() != 2 || s.dim(1).isStatic() && s.dim(1).size() != units) {
                throw new KerasRnnBodies.NotTheLayer("initial state shape " + s);
            }
        }
        RnnCellPatterns body = new RnnCellPatterns(fn);
        if (Boolean.TRUE.equals(flag(fn, "time_major"))) throw new KerasRnnBodies.NotTheLayer("time_major=True is not supported");
        Ref seq = null;
        for (NodeDef n : body.nodes()) {
            if (n.getOp().equals("Transpose") && Ref.ofArg(0).equals(body.in(n, 0))
                    && java.util.Arrays.equals(KerasRnnBodies.ints(body, body.in(n, 1)), new long[] {1, 0, 2})) {
                seq = new Ref(n.getName(), 0, -1);
            }
        }
        if (seq == null) throw new KerasRnnBodies.NotTheLayer("no Transpose [1,0,2] of the batch-major input");
        Ref reversed = null;
        for (NodeDef n : body.nodes()) {
            if (n.getOp().equals("ReverseV2") && seq.equals(body.in(n, 0))
                    && java.util.Arrays.equals(KerasRnnBodies.ints(body, body.in(n, 1)), new long[] {0})) {
                reversed = new Ref(n.getName(), 0, -1);
            }
        }
        Boolean back = flag(fn, "go_backwards");
        if (back != null && back != (reversed != null)) throw new KerasRnnBodies.NotTheLayer("go_backwards does not match the body");
        Ref steps = reversed != null ? reversed : seq;
        boolean lastOnly = lstm ? KerasRnnBodies.lstmBody(body, steps, library)
                : KerasRnnBodies.gruBody(body, steps, library);
        SourceRef src = new SourceRef(call.getName(), call.getOp(), callerFunction);
        // the layer's scope ("sequential/lstm") names the results, not the call node
        String hint = call.getName().matches(".+/(Stateful)?PartitionedCall(_\\d+)?")
                ? call.getName().substring(0, call.getName().lastIndexOf('/')) : call.getName();
        if (reversed != null) {
            x = g.add(Op.SLICE, List.of(x), Map.of("starts", new long[] {Long.MAX_VALUE}, "ends",
                    new long[] {Long.MIN_VALUE}, "axes", new long[] {1}, "steps", new long[] {-1}), src, hint + "_reversed")
                    .output();
        }
        List<Value> ops = new ArrayList<>(v);
        ops.set(0, x);
        Node node = g.add(lstm ? Op.LSTM : Op.GRU, ops, Map.of(), src, hint);
        Value all = node.outputs().get(0);
        Value h = node.outputs().get(1);
        if (lastOnly) {
            all = g.add(Op.SLICE, List.of(all), Map.of("starts", new long[] {-1}, "ends", new long[] {Long.MAX_VALUE},
                    "axes", new long[] {1}, "steps", new long[] {1}), src, hint + "_last").output();
        }
        List<TfValue> out = new ArrayList<>(List.of(TfValue.of(h), TfValue.of(all), TfValue.of(h)));
        if (lstm) out.add(TfValue.of(node.outputs().get(2)));
        out.add(runtime.apply(nOut - 1));
        return out;
    }
}
