package org.tf2torch.importers.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.NodeDef;
import org.tf2torch.importers.graph.RnnCellPatterns.GruStep;
import org.tf2torch.importers.graph.RnnCellPatterns.LstmStep;
import org.tf2torch.importers.graph.RnnCellPatterns.Ref;
import org.tf2torch.ir.TensorValues;

/**
 * The proof half of {@link KerasRnnCalls}: that a Keras {@code standard_lstm} / {@code standard_gru} body computes
 * exactly the layer, node by node: the cell ({@link RnnCellPatterns}) inside the {@code StatelessWhile} body or in
 * every step of a body unrolled over a static length, the loop's inputs and outputs, and whether the sequence
 * output holds only the last step.
 */
final class KerasRnnBodies {
    /** The body is not provably the layer; the message says what differs. */
    static final class NotTheLayer extends Exception {
        NotTheLayer(String m) { super(m); }
    }

    private KerasRnnBodies() {}

    static long[] ints(RnnCellPatterns p, Ref r) {
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

    static boolean lstmBody(RnnCellPatterns body, Ref steps, Map<String, FunctionDef> library) throws NotTheLayer {
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

    static boolean gruBody(RnnCellPatterns body, Ref steps, Map<String, FunctionDef> library) throws NotTheLayer {
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
