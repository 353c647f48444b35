package org.tf2torch.importers.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.NodeDef;
import org.tf2torch.importers.ops.TranslationException;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.SourceRef;
import org.tf2torch.ir.TensorType;
import org.tf2torch.ir.Value;

/**
 * Rebuilds TF1 while loops (Enter → Merge(Enter, NextIteration) → Switch on LoopCond → body → NextIteration,
 * Exit on the false side) as IR {@link Op#LOOP} nodes. A loop is rebuilt the first time one of its Exits is
 * needed: every Switch on its LoopCond is a carried value, the LoopCond's input is translated into the cond
 * subgraph and each NextIteration's input into the body, with the Merges and Switches standing for the carried
 * inputs. Values of enclosing frames (Enter with is_constant, or direct reads) become captures. When a carried
 * value changes shape between iterations the loop is rebuilt with the shapes generalized.
 */
final class WhileLoops {
    private static final int ATTEMPTS = 3;

    private final GraphTranslator translator;
    private final ControlFlowInfo cfi;

    WhileLoops(GraphTranslator translator, ControlFlowInfo cfi) {
        this.translator = translator;
        this.cfi = cfi;
    }

    /** The value of an Exit node translated in frame {@code f}. */
    TfValue exit(Frame f, NodeDef exit) {
        String switchName = ControlFlowInfo.nodeName(exit.getInput(0));
        String frame = cfi.frameOf(switchName);
        if (!cfi.parentOf(frame).equals(f.tfFrame)) {
            throw new TranslationException("Exit of while loop frame '" + frame + "' is read outside its parent frame");
        }
        Structure s = structure(f, frame);
        int k = s.switches.indexOf(switchName);
        if (k < 0) throw new TranslationException("Exit does not read a Switch of its loop's LoopCond");
        List<TfValue> results = f.loops.get(frame);
        if (results == null) {
            // a failed loop is reported once, at its first Exit; the others read poison
            f.loops.put(frame, poison(s.switches.size()));
            results = build(f, frame, s);
            f.loops.put(frame, results);
        }
        return results.get(k);
    }

    /** The nodes that make up one loop's carried values. */
    private record Structure(NodeDef loopCond, List<String> switches, List<NodeDef> merges, List<NodeDef> enters,
                             List<NodeDef> nexts) {}

    private Structure structure(Frame f, String frame) {
        NodeDef loopCond = null;
        for (String m : cfi.members(frame)) {
            NodeDef n = f.nodes.get(m);
            if (n.getOp().equals("LoopCond")) {
                if (loopCond != null) throw new TranslationException("while loop frame '" + frame + "' has two LoopConds");
                loopCond = n;
            }
        }
        if (loopCond == null) throw new TranslationException("while loop frame '" + frame + "' has no LoopCond");
        List<String> switches = new ArrayList<>();
        List<NodeDef> merges = new ArrayList<>();
        List<NodeDef> enters = new ArrayList<>();
        List<NodeDef> nexts = new ArrayList<>();
        for (String c : cfi.consumers(loopCond.getName())) {
            NodeDef sw = f.nodes.get(c);
            if (!sw.getOp().equals("Switch") || sw.getInputCount() < 2
                    || !ControlFlowInfo.nodeName(sw.getInput(1)).equals(loopCond.getName())) continue;
            NodeDef merge = f.nodes.get(ControlFlowInfo.nodeName(sw.getInput(0)));
            if (merge == null || !merge.getOp().equals("Merge") || dataInputs(merge).size() != 2) {
                throw new TranslationException("Switch '" + sw.getName() + "' of the loop does not read a two-input Merge");
            }
            NodeDef enter = null;
            NodeDef next = null;
            for (String ref : dataInputs(merge)) {
                NodeDef in = f.nodes.get(ControlFlowInfo.nodeName(ref));
                if (in != null && in.getOp().equals("Enter")) enter = in;
                else if (in != null && in.getOp().equals("NextIteration")) next = in;
            }
            if (enter == null || next == null) {
                throw new TranslationException("Merge '" + merge.getName() + "' does not join an Enter and a NextIteration");
            }
            switches.add(sw.getName());
            merges.add(merge);
            enters.add(enter);
            nexts.add(next);
        }
        if (switches.isEmpty()) throw new TranslationException("while loop frame '" + frame + "' carries no values");
        return new Structure(loopCond, switches, merges, enters, nexts);
    }

    private static List<String> dataInputs(NodeDef n) {
        List<String> out = new ArrayList<>();
        for (String ref : n.getInputList()) if (!ref.startsWith("^")) out.add(ref);
        return out;
    }

    private List<TfValue> build(Frame f, String frame, Structure s) {
        int n = s.switches.size();
        List<TfValue> init = new ArrayList<>();
        List<TensorType> types = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            TfValue v = translator.resolve(f, s.enters.get(k).getInput(0));
            if (v.isPoison()) return poison(n);
            Value data = carriedValue(v, s.merges.get(k).getName());
            init.add(v);
            types.add(data.type());
            keys.add(s.merges.get(k).getName());
        }
        for (int attempt = 1; ; attempt++) {
            WhileLoop loop = new WhileLoop(frame, keys, types);
            Frame cf = new Frame(f, loop, loop.cond);
            Frame bf = new Frame(f, loop, loop.body);
            for (int k = 0; k < n; k++) {
                bind(cf, s, k, carried(init.get(k), loop.cond.inputs().get(k)));
                bind(bf, s, k, carried(init.get(k), loop.body.inputs().get(k)));
            }
            TfValue c = translator.resolve(cf, s.loopCond.getInput(0));
            if (c.isPoison()) return poison(n);
            Value pred = plain(c, "the loop condition");
            if (pred.dtype() != DType.BOOL || pred.shape().hasRank() && pred.shape().rank() != 0) {
                throw new TranslationException("loop condition is " + pred.type() + ", not a bool scalar");
            }
            loop.cond.setOutput("cond", pred);
            List<TensorType> next = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                TfValue v = translator.resolve(bf, s.nexts.get(k).getInput(0));
                if (v.isPoison()) return poison(n);
                Value data = carriedValue(v, s.nexts.get(k).getName());
                loop.body.setOutput(keys.get(k), data);
                next.add(join(types.get(k), data.type(), s.merges.get(k).getName()));
            }
            if (next.equals(types) || attempt == ATTEMPTS) {
                if (!next.equals(types)) {
                    throw new TranslationException("the shapes of the carried values do not settle: " + types + " then " + next);
                }
                return finish(f, s, loop, init);
            }
            types = next;
        }
    }

    private List<TfValue> finish(Frame f, Structure s, WhileLoop loop, List<TfValue> init) {
        int n = init.size();
        translator.count(s.loopCond.getOp());
        for (int k = 0; k < n; k++) {
            for (NodeDef d : List.of(s.enters.get(k), s.merges.get(k), s.nexts.get(k))) translator.count(d.getOp());
            translator.count("Switch");
        }
        List<Value> inputs = new ArrayList<>();
        for (int k = 0; k < n; k++) inputs.add(carriedValue(init.get(k), s.merges.get(k).getName()));
        inputs.addAll(loop.captured());
        SourceRef src = new SourceRef(s.loopCond.getName(), s.loopCond.getOp(), f.function);
        List<Value> outs = f.graph.add(Op.LOOP, inputs, Map.of("carried", (long) n, "cond", loop.cond, "body", loop.body),
                src, loop.body.name().replace("/body", "")).outputs();
        List<TfValue> results = new ArrayList<>();
        for (int k = 0; k < n; k++) results.add(carried(init.get(k), outs.get(k)));
        return results;
    }

    /** Merge_k and Switch_k (its true side) both stand for carried value k inside the loop. */
    private static void bind(Frame frame, Structure s, int k, TfValue v) {
        frame.memo.put(s.merges.get(k).getName(), List.of(v, TfValue.poison()));
        frame.memo.put(s.switches.get(k), List.of(TfValue.poison(), v));
    }

    /** The import value for carried value {@code k} held in {@code v}: a TensorArray flow keeps its facts. */
    private static TfValue carried(TfValue init, Value v) {
        if (init.isArray()) {
            TensorArrayState a = init.array();
            return TfValue.array(a.withContents(v, a.size(), a.element()));
        }
        return TfValue.of(v);
    }

    private static Value carriedValue(TfValue v, String node) {
        if (v.isArray()) {
            TensorArrayState a = v.array();
            if (a.handle() || a.data() == null) {
                throw new TranslationException("TensorArray '" + a.name() + "' is carried by while loop value '" + node
                        + "' before its element shape is known (declare element_shape)");
            }
            return a.data();
        }
        return plain(v, "carried value '" + node + "'");
    }

    private static Value plain(TfValue v, String what) {
        if (v.isResource()) throw new TranslationException(what + " is a variable handle; loop state in variables is not supported");
        if (v.isDead()) throw new TranslationException(what + " is on an untaken branch of a conditional");
        if (v.guard() != null) {
            throw new TranslationException(what + " comes from a branch of a conditional with a run-time predicate");
        }
        return v.value();
    }

    /** The most precise type that holds both: dims that differ become unknown, ranks that differ unknown rank. */
    static TensorType join(TensorType a, TensorType b, String node) {
        if (a.dtype() != b.dtype()) {
            throw new TranslationException("carried value '" + node + "' changes dtype from " + a + " to " + b);
        }
        Shape x = a.shape();
        Shape y = b.shape();
        if (!x.hasRank() || !y.hasRank() || x.rank() != y.rank()) return a.withShape(Shape.unknownRank());
        List<Dim> d = new ArrayList<>();
        for (int i = 0; i < x.rank(); i++) d.add(x.dim(i).equals(y.dim(i)) ? x.dim(i) : Dim.unknown());
        return a.withShape(Shape.of(d));
    }

    private static List<TfValue> poison(int n) {
        List<TfValue> out = new ArrayList<>();
        for (int k = 0; k < n; k++) out.add(TfValue.poison());
        return out;
    }
}
