package org.tf2torch.importers.graph;

import java.util.List;
import java.util.Map;
import org.tensorflow.proto.NodeDef;
import org.tf2torch.importers.ops.TranslationException;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.SourceRef;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;
import org.tf2torch.ir.passes.ConstantFolding;

/**
 * TF1 conditionals (Switch/Merge). A constant predicate (common in frozen graphs) prunes the untaken branch.
 * A run-time predicate computes both branches, which are pure tensor code, and Merge selects between them with
 * {@code where}. Conds nest: a value carries the chain of (predicate, branch) it lives under ({@link Guard}), a
 * Switch adds one link and the Merge of that cond removes it.
 */
final class Conds {
    private final Graph graph;

    Conds(Graph graph) { this.graph = graph; }

    /** Switch(data, pred) → [output_false, output_true]. */
    List<TfValue> split(NodeDef n, List<TfValue> in, String function) {
        TfValue data = in.get(0);
        Value pred = ConstantFolding.foldIfConstant(graph, in.get(1).value());
        Tensor c = pred.constantValue();
        if (c != null) {
            boolean taken = TensorValues.toLongs(c)[0] != 0;
            return taken ? List.of(TfValue.dead(), data) : List.of(data, TfValue.dead());
        }
        boolean[] ok = {true};
        Guard outer = Guard.inner(data.guard(), in.get(1).guard(), ok);
        if (!ok[0]) throw new TranslationException("this Switch mixes values from different branches of conds");
        return List.of(TfValue.guarded(data.value(), new Guard(pred, false, outer)),
                TfValue.guarded(data.value(), new Guard(pred, true, outer)));
    }

    /** Merge(inputs) → [output, value_index]. */
    List<TfValue> merge(NodeDef n, List<TfValue> in, String function) {
        int alive = -1;
        int count = 0;
        for (int i = 0; i < in.size(); i++) {
            if (!in.get(i).isDead()) {
                alive = i;
                count++;
            }
        }
        if (count == 0) return List.of(TfValue.dead(), TfValue.dead());
        SourceRef src = new SourceRef(n.getName(), n.getOp(), function);
        if (count == 1) {
            Value idx = graph.constant(TensorValues.scalar(DType.I32, alive), src, n.getName() + "_index");
            return List.of(in.get(alive), TfValue.guarded(idx, in.get(alive).guard()));
        }
        if (in.size() != 2) throw new TranslationException("Merge of " + in.size() + " live inputs is not supported");
        TfValue a = in.get(0);
        TfValue b = in.get(1);
        // The deeper input names the cond this Merge closes. The other input is the opposite branch of it, or a
        // value from outside the cond that a branch returns unchanged (a constant under no control dependency).
        TfValue deep = Guard.depth(a.guard()) >= Guard.depth(b.guard()) ? a : b;
        TfValue other = deep == a ? b : a;
        Guard g = deep.guard();
        boolean joins = g != null && (Guard.encloses(other.guard(), g.parent)
                || other.guard() != null && other.guard().pred == g.pred && other.guard().branch != g.branch
                && Guard.same(other.guard().parent, g.parent));
        if (!joins) throw new TranslationException("this Merge does not join the two branches of one cond");
        TfValue t = g.branch ? deep : other;
        TfValue f = g.branch ? other : deep;
        Value out = graph.add(Op.WHERE, List.of(g.pred, t.value(), f.value()), Map.of(), src, n.getName()).output();
        Value ti = graph.constant(TensorValues.scalar(DType.I32, t == a ? 0 : 1), src, "idx");
        Value fi = graph.constant(TensorValues.scalar(DType.I32, t == a ? 1 : 0), src, "idx");
        Value idx = graph.add(Op.WHERE, List.of(g.pred, ti, fi), Map.of(), src, n.getName() + "_index").output();
        return List.of(TfValue.guarded(out, g.parent), TfValue.guarded(idx, g.parent));
    }

    /** The innermost guard of an op's inputs (null if none); inputs from diverging branches are refused. */
    TfValue commonGuard(List<TfValue> in) {
        TfValue g = null;
        boolean[] ok = {true};
        for (TfValue v : in) {
            if (v.guard() == null) continue;
            if (g == null) {
                g = v;
                continue;
            }
            Guard inner = Guard.inner(g.guard(), v.guard(), ok);
            if (!ok[0]) throw new TranslationException("mixes values from different branches of conditionals");
            if (inner == v.guard()) g = v;
        }
        return g;
    }
}
