package org.tf2torch.importers.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.NodeDef;
import org.tf2torch.importers.graph.RnnCellPatterns.GruStep;
import org.tf2torch.importers.graph.RnnCellPatterns.LstmStep;
import org.tf2torch.importers.graph.RnnCellPatterns.Ref;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.SourceRef;
import org.tf2torch.ir.TensorValues;
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

    /** The body is not provably the layer; the message says what differs. */
    private static final class NotTheLayer extends Exception {
        NotTheLayer(String m) { super(m); }
    }

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
        } catch (NotTheLayer e) {
            warn.accept("call '" + call.getName() + "' of " + fn.getSignature().getName() + " (Keras " + kind.toUpperCase()
                    + ") is not converted to one " + kind + " op: " + e.getMessage() + "; its body is translated op by op");
            return null;
        }
    }

    private static List<TfValue> build(String kind, NodeDef call, String callerFunction, FunctionDef fn,
                                       List<TfValue> in, Graph g, Map<String, FunctionDef> library,
                                       java.util.function.IntFunction<TfValue> runtime) throws NotTheLayer {
        boolean lstm = kind.equals("lstm");
        int nIn = lstm ? 6 : 5;
        int nOut = lstm ? 5 : 4;
        if (fn.getSignature().getInputArgCount() != nIn || fn.getSignature().getOutputArgCount() != nOut) {
            throw new NotTheLayer("it takes " + fn.getSignature().getInputArgCount() + " inputs and returns "
                    + fn.getSignature().getOutputArgCount() + " (a mask or sequence lengths are not supported)");
        }
        List<Value> v = new ArrayList<>();
        for (TfValue t : in) {
            if (!t.isValue() || t.guard() != null) throw new NotTheLayer("an argument is not a plain tensor");
            v.add(t.value());
        }
        int gates = lstm ? 4 : 3;
        Value x = v.get(0);
        Value w = v.get(lstm ? 3 : 2);
        Value r = v.get(lstm ? 4 : 3);
        Value b = v.get(lstm ? 5 : 4);
        DType dt = x.dtype();
        for (Value a : v) if (a.dtype() != dt || !dt.isFloating()) throw new NotTheLayer("arguments of mixed or non-float types");
        Shape xs = x.shape();
        if (!xs.hasRank() || xs.rank() != 3 || !xs.dim(2).isStatic()) throw new NotTheLayer("input shape " + xs);
        if (!r.shape().isStatic() || r.shape().rank() != 2) throw new NotTheLayer("recurrent kernel shape " + r.shape());
        long units = r.shape().sizes()[0];
        if (!r.shape().equals(Shape.of(units, gates * units))
                || !w.shape().equals(Shape.of(xs.dim(2).size(), gates * units))
                || !b.shape().equals(lstm ? Shape.of(gates * units) : Shape.of(2, gates * units))) {
            throw new NotTheLayer("weight shapes " + w.shape() + ", " + r.shape() + ", " + b.shape() + " for input " + xs
                    + (lstm ? "" : " (GRU needs reset_after=True, bias [2, 3*units])"));
        }
        for (int i = 1; i < (lstm ? 3 : 2); i++) {
            Shape s = v.get(i).shape();
            if (!s.hasRank() || s.rank() != 2 || s.dim(1).isStatic() && s.dim(1).size() != units) {
                throw new NotTheLayer("initial state shape " + s);
            }
        }
        RnnCellPatterns body = new RnnCellPatterns(fn);
        if (Boolean.TRUE.equals(flag(fn, "time_major"))) throw new NotTheLayer("time_major=True is not supported");
        Ref seq = null;
        for (NodeDef n : body.nodes()) {
            if (n.getOp().equals("Transpose") && Ref.ofArg(0).equals(body.in(n, 0))
                    && java.util.Arrays.equals(ints(body, body.in(n, 1)), new long[] {1, 0, 2})) {
                seq = new Ref(n.getName(), 0, -1);
            }
        }
        if (seq == null) throw new NotTheLayer("no Transpose [1,0,2] of the batch-major input");
        Ref reversed = null;
        for (NodeDef n : body.nodes()) {
            if (n.getOp().equals("ReverseV2") && seq.equals(body.in(n, 0))
                    && java.util.Arrays.equals(ints(body, body.in(n, 1)), new long[] {0})) {
                reversed = new Ref(n.getName(), 0, -1);
            }
        }
        Boolean back = flag(fn, "go_backwards");
        if (back != null && back != (reversed != null)) throw new NotTheLayer("go_backwards does not match the body");
        Ref steps = reversed != null ? reversed : seq;
        boolean lastOnly = lstm ? lstmBody(body, steps, library) : gruBody(body, steps, library);
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

    private static long[] ints(RnnCellPatterns p, Ref r) {
        NodeDef n = p.node(r);
        if (n == null || !n.getOp().equals("Const")) return null;
        try {
            return TensorValues.toLongs(TensorProtos.toTensor(n.getAttrMap().get("value").getTensor()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The top-level body's loop node, or null when the steps are unrolled. */
    private static NodeDef loop(RnnCellPatterns body) throws NotTheLayer {
        NodeDef found = null;
        for (NodeDef n : body.nodes()) {
            if (n.getOp().equals("While") || n.getOp().equals("StatelessWhile")) {
                if (found != null) throw new NotTheLayer("more than one loop");
                found = n;
            }
        }
        return found;
    }

    /** Which loop input carries each of the function's tensors: arg index (or -1-k for bias part k) → position. */
    private static final class LoopInputs {
        final Map<Integer, Integer> args = new HashMap<>();
        final Map<Integer, Integer> biasParts = new HashMap<>();
        int inList = -1;
        int outList = -1;
        Ref outReserve;
    }

    private static LoopInputs loopInputs(RnnCellPatterns body, NodeDef loop, Ref steps, int biasArg) throws NotTheLayer {
        LoopInputs li = new LoopInputs();
        for (int j = 0; j < body.arity(loop); j++) {
            Ref r = body.in(loop, j);
            NodeDef n = body.node(r);
            if (r != null && r.isArg()) {
                li.args.putIfAbsent(r.arg(), j);
            } else if (n != null && n.getOp().equals("Unpack") && Ref.ofArg(biasArg).equals(body.in(n, 0))
                    && n.getAttrMap().get("num").getI() == 2 && n.getAttrMap().get("axis").getI() == 0) {
                li.biasParts.putIfAbsent(r.out(), j);
            } else if (n != null && n.getOp().equals("TensorListFromTensor")) {
                if (!steps.equals(body.in(n, 0))) throw new NotTheLayer("the loop reads another sequence than the input");
                li.inList = j;
            } else if (n != null && n.getOp().equals("TensorListReserve")) {
                if (li.outList >= 0) throw new NotTheLayer("two output lists");
                li.outList = j;
                li.outReserve = r;
            }
        }
        if (li.inList < 0 || li.outList < 0) throw new NotTheLayer("the loop has no input or output TensorList");
        return li;
    }

    private static FunctionDef loopBody(NodeDef loop, Map<String, FunctionDef> library) throws NotTheLayer {
        FunctionDef f = library.get(loop.getAttrMap().get("body").getFunc().getName());
        if (f == null) throw new NotTheLayer("the loop body is not in the library");
        return f;
    }

    /** Checks the loop's results the function returns; true when the sequence output holds the last step only. */
    private static boolean loopOutputs(RnnCellPatterns body, NodeDef loop, LoopInputs li, RnnCellPatterns lb, Ref hNew,
                                       int[] stateRets, int[] stateInputs) throws NotTheLayer {
        for (int i = 0; i < stateRets.length; i++) {
            if (!new Ref(loop.getName(), stateInputs[i], -1).equals(body.ret(stateRets[i]))) {
                throw new NotTheLayer("output " + stateRets[i] + " is not the loop's final state");
            }
        }
        NodeDef write = lb.node(lb.ret(li.outList));
        if (write == null || !write.getOp().equals("TensorListSetItem") || !Ref.ofArg(li.outList).equals(lb.in(write, 0))
                || !hNew.equals(lb.in(write, 2))) {
            throw new NotTheLayer("the loop does not collect each step's output");
        }
        Ref last = body.ret(0);
        Ref allOut = body.ret(1);
        NodeDef t = body.node(allOut);
        if (t == null || !t.getOp().equals("Transpose") || !java.util.Arrays.equals(ints(body, body.in(t, 1)),
                new long[] {1, 0, 2})) {
            throw new NotTheLayer("the sequence output is not the batch-major stack of the outputs");
        }
        Ref stack = body.in(t, 0);
        NodeDef sl = body.node(last);
        if (!body.is(stack, "TensorListStack") || !new Ref(loop.getName(), li.outList, -1).equals(body.in(body.node(stack), 0))
                || sl == null || !sl.getOp().equals("StridedSlice") || !stack.equals(body.in(sl, 0))
                || !java.util.Arrays.equals(ints(body, body.in(sl, 1)), new long[] {-1})) {
            throw new NotTheLayer("the outputs are not read from the loop's output list");
        }
        double n = body.constant(body.in(body.node(li.outReserve), 1));
        return n == 1;
    }

    private static boolean lstmBody(RnnCellPatterns body, Ref steps, Map<String, FunctionDef> library) throws NotTheLayer {
        NodeDef loop = loop(body);
        if (loop != null) {
            LoopInputs li = loopInputs(body, loop, steps, 5);
            int[] pos = new int[6];
            for (int a = 1; a <= 5; a++) {
                Integer j = li.args.get(a);
                if (j == null) throw new NotTheLayer("argument " + a + " does not enter the loop");
                pos[a] = j;
            }
            RnnCellPatterns lb = new RnnCellPatterns(loopBody(loop, library));
            List<LstmStep> found = lb.lstmSteps(Ref.ofArg(pos[3]), Ref.ofArg(pos[4]), Ref.ofArg(pos[5]));
            if (found.size() != 1) throw new NotTheLayer(found.size() + " LSTM cells with default activations in the loop body");
            LstmStep s = found.get(0);
            checkLoopStep(lb, s.x(), li);
            if (!Ref.ofArg(pos[1]).equals(s.hPrev()) || !Ref.ofArg(pos[2]).equals(s.cPrev())
                    || !s.hNew().equals(lb.ret(pos[1])) || !s.cNew().equals(lb.ret(pos[2]))) {
                throw new NotTheLayer("the loop body's state does not flow through the cell");
            }
            for (int a = 3; a <= 5; a++) {
                if (!Ref.ofArg(pos[a]).equals(lb.ret(pos[a]))) throw new NotTheLayer("a weight changes in the loop");
            }
            return loopOutputs(body, loop, li, lb, s.hNew(), new int[] {2, 3}, new int[] {pos[1], pos[2]});
        }
        List<LstmStep> found = body.lstmSteps(Ref.ofArg(3), Ref.ofArg(4), Ref.ofArg(5));
        List<Ref> hs = new ArrayList<>();
        Ref h = Ref.ofArg(1);
        Ref c = Ref.ofArg(2);
        for (int t = 0; ; t++) {
            LstmStep next = null;
            for (LstmStep s : found) if (s.hPrev().equals(h) && s.cPrev().equals(c)) next = s;
            if (next == null) break;
            checkUnrolledStep(body, next.x(), steps, t);
            h = next.hNew();
            c = next.cNew();
            hs.add(h);
        }
        unrolledOutputs(body, hs, steps);
        if (!h.equals(body.ret(0)) || !h.equals(body.ret(2)) || !c.equals(body.ret(3))) {
            throw new NotTheLayer("the outputs are not the last step's states");
        }
        return false;
    }

    private static boolean gruBody(RnnCellPatterns body, Ref steps, Map<String, FunctionDef> library) throws NotTheLayer {
        NodeDef loop = loop(body);
        if (loop != null) {
            LoopInputs li = loopInputs(body, loop, steps, 4);
            Integer h = li.args.get(1);
            Integer k = li.args.get(2);
            Integer r = li.args.get(3);
            Integer b0 = li.biasParts.get(0);
            Integer b1 = li.biasParts.get(1);
            if (h == null || k == null || r == null || b0 == null || b1 == null) {
                throw new NotTheLayer("a state or weight does not enter the loop");
            }
            RnnCellPatterns lb = new RnnCellPatterns(loopBody(loop, library));
            List<GruStep> found = lb.gruSteps(Ref.ofArg(k), Ref.ofArg(r), Ref.ofArg(b0), Ref.ofArg(b1));
            if (found.size() != 1) throw new NotTheLayer(found.size() + " GRU cells with default activations in the loop body");
            GruStep s = found.get(0);
            checkLoopStep(lb, s.x(), li);
            if (!Ref.ofArg(h).equals(s.hPrev()) || !s.hNew().equals(lb.ret(h))) {
                throw new NotTheLayer("the loop body's state does not flow through the cell");
            }
            for (int a : new int[] {k, r, b0, b1}) {
                if (!Ref.ofArg(a).equals(lb.ret(a))) throw new NotTheLayer("a weight changes in the loop");
            }
            return loopOutputs(body, loop, li, lb, s.hNew(), new int[] {2}, new int[] {h});
        }
        Ref b0 = null;
        Ref b1 = null;
        for (NodeDef n : body.nodes()) {
            if (n.getOp().equals("Unpack") && Ref.ofArg(4).equals(body.in(n, 0)) && n.getAttrMap().get("num").getI() == 2
                    && n.getAttrMap().get("axis").getI() == 0) {
                b0 = new Ref(n.getName(), 0, -1);
                b1 = new Ref(n.getName(), 1, -1);
            }
        }
        if (b0 == null) throw new NotTheLayer("the bias is not split into input and recurrent bias");
        List<GruStep> found = body.gruSteps(Ref.ofArg(2), Ref.ofArg(3), b0, b1);
        List<Ref> hs = new ArrayList<>();
        Ref h = Ref.ofArg(1);
        for (int t = 0; ; t++) {
            GruStep next = null;
            for (GruStep s : found) if (s.hPrev().equals(h)) next = s;
            if (next == null) break;
            checkUnrolledStep(body, next.x(), steps, t);
            h = next.hNew();
            hs.add(h);
        }
        unrolledOutputs(body, hs, steps);
        if (!h.equals(body.ret(0)) || !h.equals(body.ret(2))) throw new NotTheLayer("the outputs are not the last step's state");
        return false;
    }

    /** A loop step reads the input list at the loop's time counter. */
    private static void checkLoopStep(RnnCellPatterns lb, Ref x, LoopInputs li) throws NotTheLayer {
        NodeDef get = lb.node(x);
        if (get == null || !get.getOp().equals("TensorListGetItem") || !Ref.ofArg(li.inList).equals(lb.in(get, 0))) {
            throw new NotTheLayer("the cell does not read the input sequence");
        }
        Ref index = lb.in(get, 1);
        if (index == null || !index.isArg()) throw new NotTheLayer("the cell reads the sequence at a computed index");
    }

    /** Step {@code t} of an unrolled body reads element t of the (time-major) input's unstacking. */
    private static void checkUnrolledStep(RnnCellPatterns body, Ref x, Ref steps, int t) throws NotTheLayer {
        NodeDef u = body.node(x);
        if (u == null || !u.getOp().equals("Unpack") || u.getAttrMap().get("axis").getI() != 0 || x.out() != t
                || !steps.equals(body.in(u, 0))) {
            throw new NotTheLayer("step " + t + " does not read time step " + t + " of the input");
        }
    }

    /** The unrolled body covers every time step and returns their batch-major stack. */
    private static void unrolledOutputs(RnnCellPatterns body, List<Ref> hs, Ref steps) throws NotTheLayer {
        if (hs.isEmpty()) throw new NotTheLayer("no cell with default activations starts from the initial state");
        for (NodeDef n : body.nodes()) {
            if (n.getOp().equals("Unpack") && steps.equals(body.in(n, 0)) && n.getAttrMap().get("num").getI() != hs.size()) {
                throw new NotTheLayer("the body computes " + hs.size() + " of " + n.getAttrMap().get("num").getI() + " steps");
            }
        }
        NodeDef t = body.node(body.ret(1));
        if (t == null || !t.getOp().equals("Transpose") || !java.util.Arrays.equals(ints(body, body.in(t, 1)),
                new long[] {1, 0, 2})) {
            throw new NotTheLayer("the sequence output is not the batch-major stack of the outputs");
        }
        NodeDef pack = body.node(body.in(t, 0));
        if (pack == null || !pack.getOp().equals("Pack") || pack.getAttrMap().get("axis").getI() != 0
                || body.arity(pack) != hs.size()) {
            throw new NotTheLayer("the sequence output is not the stack of every step");
        }
        for (int i = 0; i < hs.size(); i++) {
            if (!hs.get(i).equals(body.in(pack, i))) throw new NotTheLayer("step outputs stacked out of order");
        }
    }
}
