package org.tf2torch.importers.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.NodeDef;
import org.tf2torch.importers.ops.TranslationException;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.SourceRef;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;
import org.tf2torch.ir.passes.ConstantFolding;

/**
 * TF2 functional conditionals ({@code If}, {@code StatelessIf}). A predicate known at import time inlines only
 * the taken branch. A run-time predicate inlines both branches (pure tensor code; their state changes are refused
 * as in any call) and selects each output with {@code where}, as TF1 conds are lowered. That selection is exact
 * only when both branches give the same shape, so outputs whose shapes are not provably equal are refused, as are
 * outputs that are TensorLists or variable handles.
 */
final class FunctionalIf {
    static final Set<String> OPS = Set.of("If", "StatelessIf");

    /** Inlines a function call: (caller frame, call node, function, arguments) → outputs. */
    interface Inliner {
        List<TfValue> inline(Frame caller, NodeDef call, FunctionDef fn, List<TfValue> args);
    }

    private final Inliner inliner;
    private final Function<String, FunctionDef> library;

    FunctionalIf(Inliner inliner, Function<String, FunctionDef> library) {
        this.inliner = inliner;
        this.library = library;
    }

    List<TfValue> translate(Frame f, NodeDef n, List<TfValue> in) {
        FunctionDef then = function(n, "then_branch");
        FunctionDef otherwise = function(n, "else_branch");
        if (in.isEmpty()) throw new TranslationException(n.getOp() + " '" + n.getName() + "' has no predicate input");
        TfValue c = in.get(0);
        if (!c.isValue()) {
            throw new TranslationException(n.getOp() + " '" + n.getName() + "' takes a predicate that is not a tensor");
        }
        List<TfValue> args = in.subList(1, in.size());
        Value pred = ConstantFolding.foldIfConstant(f.graph, c.value());
        Tensor known = pred.constantValue();
        if (known != null) {
            long[] v = TensorValues.toLongs(known);
            // TF: a scalar is true when non-zero, any other tensor when it is not empty
            boolean taken = known.shape().rank() == 0 ? v[0] != 0 : v.length > 0;
            return inliner.inline(f, n, taken ? then : otherwise, args);
        }
        if (pred.shape().hasRank() && pred.shape().rank() != 0 || !pred.shape().hasRank()) {
            throw new TranslationException(n.getOp() + " '" + n.getName() + "' has a predicate of type " + pred.type()
                    + " computed at run time; a scalar is needed");
        }
        SourceRef src = new SourceRef(n.getName(), n.getOp(), f.function);
        if (pred.dtype() != DType.BOOL) {
            pred = f.graph.add(Op.CAST, List.of(pred), Map.of("to", DType.BOOL), src, n.getName() + "_pred").output();
        }
        List<TfValue> t = inliner.inline(f, n, then, args);
        List<TfValue> e = inliner.inline(f, n, otherwise, args);
        List<TfValue> out = new ArrayList<>();
        for (int k = 0; k < t.size(); k++) {
            TfValue a = t.get(k);
            TfValue b = e.get(k);
            if (a.isPoison() || b.isPoison()) {
                out.add(TfValue.poison());
                continue;
            }
            out.add(TfValue.of(select(n, k, pred, plain(a, n, k), plain(b, n, k), f, src)));
        }
        return out;
    }

    private static Value select(NodeDef n, int k, Value pred, Value a, Value b, Frame f, SourceRef src) {
        if (a == b) return a;
        if (a.dtype() != b.dtype()) {
            throw new TranslationException(n.getOp() + " '" + n.getName() + "' output " + k + " is " + a.type()
                    + " in one branch and " + b.type() + " in the other");
        }
        if (!provablySame(a.shape(), b.shape())) {
            throw new TranslationException(n.getOp() + " '" + n.getName() + "' output " + k + " has shape " + a.shape()
                    + " in the then branch and " + b.shape() + " in the else branch; with a run-time predicate both "
                    + "branches are computed and selected with where, which needs shapes known to be equal");
        }
        return f.graph.add(Op.WHERE, List.of(pred, a, b), Map.of(), src, n.getName()).output();
    }

    /** Equal rank and every dim the same static size or the same symbol. */
    private static boolean provablySame(Shape a, Shape b) {
        if (!a.hasRank() || !b.hasRank() || a.rank() != b.rank()) return false;
        for (int i = 0; i < a.rank(); i++) {
            Dim x = a.dim(i);
            if (x.isUnknown() || !x.equals(b.dim(i))) return false;
        }
        return true;
    }

    private static Value plain(TfValue v, NodeDef n, int k) {
        if (v.isValue() && v.guard() == null) return v.value();
        throw new TranslationException(n.getOp() + " '" + n.getName() + "' output " + k + " is "
                + (v.isArray() ? "a TensorList" : v.isResource() ? "a variable handle" : "not a plain tensor")
                + "; with a run-time predicate only tensors can be selected");
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
}
