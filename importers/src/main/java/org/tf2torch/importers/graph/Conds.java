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
 * {@code where}; only one level of such conds is supported.
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
        if (data.guard() != null || in.get(1).guard() != null) {
            throw new TranslationException("nested conditionals with run-time predicates are not supported");
        }
        return List.of(TfValue.guarded(data.value(), pred, false), TfValue.guarded(data.value(), pred, true));
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
            return List.of(in.get(alive), TfValue.of(idx));
        }
        if (in.size() != 2) throw new TranslationException("Merge of " + in.size() + " live inputs is not supported");
        // A branch value that reads nothing from its Switch (a constant under the branch's control dependency)
        // carries no guard; the other input's guard tells which branch it is.
        TfValue a = in.get(0);
        TfValue b = in.get(1);
        TfValue guarded = a.guard() != null ? a : b;
        TfValue other = guarded == a ? b : a;
        if (guarded.guard() == null || (other.guard() != null
                && (other.guard() != guarded.guard() || other.branch() == guarded.branch()))) {
            throw new TranslationException("this Merge does not join the two branches of one cond");
        }
        TfValue t = guarded.branch() ? guarded : other;
        TfValue f = guarded.branch() ? other : guarded;
        Value pred = guarded.guard();
        Value out = graph.add(Op.WHERE, List.of(pred, t.value(), f.value()), Map.of(), src, n.getName()).output();
        Value one = graph.constant(TensorValues.scalar(DType.I32, t == a ? 0 : 1), src, "idx");
        Value zero = graph.constant(TensorValues.scalar(DType.I32, t == a ? 1 : 0), src, "idx");
        Value idx = graph.add(Op.WHERE, List.of(pred, one, zero), Map.of(), src, n.getName() + "_index").output();
        return List.of(TfValue.of(out), TfValue.of(idx));
    }

    /** The guard shared by an op's inputs (null if none); two different guards are not supported. */
    TfValue commonGuard(List<TfValue> in) {
        TfValue g = null;
        for (TfValue v : in) {
            if (v.guard() == null) continue;
            if (g != null && (g.guard() != v.guard() || g.branch() != v.branch())) {
                throw new TranslationException("mixes values from different branches of conditionals");
            }
            g = v;
        }
        return g;
    }
}
