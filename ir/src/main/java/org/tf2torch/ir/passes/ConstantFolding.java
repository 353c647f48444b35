package org.tf2torch.ir.passes;

import java.util.ArrayList;
import java.util.List;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.ShapeInference;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorType;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * Replaces nodes whose operands are all constants by their value, and SHAPE of a statically shaped value
 * by a constant, for shape arithmetic only (see {@link #isShapeArithmetic}).
 */
public final class ConstantFolding implements Pass {
    static final long MAX_ELEMENTS = 64;

    /**
     * Only shape arithmetic is folded: small integer or boolean results (sizes, axes, indices). Floating-point
     * computations on constants stay in the model so that PyTorch, not this folder, computes them; a frozen
     * graph's weights keep their exact bytes, and a converted op is always exercised by validation.
     */
    static boolean isShapeArithmetic(Node n) {
        org.tf2torch.ir.DType t = n.output().dtype();
        return (t.isInteger() || t == org.tf2torch.ir.DType.BOOL) && n.output().shape().numElements() <= MAX_ELEMENTS;
    }

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node n : new ArrayList<>(g.nodes())) {
            if (n.graph() == null || n.op() == Op.CONSTANT || n.op() == Op.PARAM || n.op().hasSubgraphs()) continue;
            Tensor folded = fold(n);
            if (folded == null) continue;
            Value c = g.insertBefore(n, Op.CONSTANT, List.of(), java.util.Map.of("value", folded), n.source(),
                    n.output().name()).output();
            n.output().replaceAllUsesWith(c);
            g.replaceOutput(n.output(), c);
            g.remove(n);
            changed = true;
        }
        if (changed) {
            new DeadCodeElimination().run(g);
            refineTypes(g);
        }
        return changed;
    }

    /**
     * A reshape whose target just became a constant can now be typed. Fills unknown ranks and dims from
     * inference and keeps everything recorded, which may be more precise than inference (an importer knew more).
     */
    static void refineTypes(Graph g) {
        for (Node n : g.nodes()) {
            if (n.op() == Op.PARAM || n.op() == Op.CONSTANT) continue;
            List<TensorType> inferred;
            try {
                inferred = ShapeInference.infer(n);
            } catch (RuntimeException e) {
                continue; // the verifier reports it; refining is only a bonus
            }
            for (int k = 0; k < inferred.size() && k < n.outputs().size(); k++) {
                Value v = n.outputs().get(k);
                Shape merged = merge(v.shape(), inferred.get(k).shape());
                if (merged != null) v.setType(v.type().withShape(merged));
            }
        }
    }

    /** {@code have} with its unknowns filled from {@code want}, or null when nothing is learned. */
    private static Shape merge(Shape have, Shape want) {
        if (!want.hasRank()) return null;
        if (!have.hasRank()) return want;
        if (have.rank() != want.rank()) return null;
        List<Dim> out = new ArrayList<>(have.dims());
        boolean learned = false;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).isUnknown() && !want.dim(i).isUnknown()) {
                out.set(i, want.dim(i));
                learned = true;
            }
        }
        return learned ? Shape.of(out) : null;
    }

    /**
     * Folds the producers of {@code v} as far as they are constant, without removing anything (safe while an
     * importer is still building the graph), and returns the constant that replaces it, or {@code v}.
     */
    public static Value foldValue(Graph g, Value v) {
        Node n = v.producer();
        if (n == null || n.op() == Op.CONSTANT || n.op() == Op.PARAM || n.outputs().size() != 1) return v;
        if (n.op() != Op.SHAPE) {
            for (int i = 0; i < n.inputs().size(); i++) {
                Value in = n.input(i);
                Value f = foldValue(g, in);
                if (f != in) n.setInput(i, f);
            }
        }
        return foldIfConstant(g, v);
    }

    /**
     * Folds {@code v}'s producer when its operands are already constants; no recursion. Nothing is removed: an
     * importer may still hold {@code v}, and dead-code elimination drops the old node at the end.
     */
    public static Value foldIfConstant(Graph g, Value v) {
        Node n = v.producer();
        if (n == null || n.op() == Op.CONSTANT || n.op() == Op.PARAM || n.outputs().size() != 1) return v;
        Tensor folded = fold(n);
        if (folded == null) return v;
        Value c = g.insertAfter(n, Op.CONSTANT, List.of(), java.util.Map.of("value", folded), n.source(), v.name())
                .output();
        v.replaceAllUsesWith(c);
        g.replaceOutput(v, c);
        return c;
    }

    private static Tensor fold(Node n) {
        if (n.op() == Op.SHAPE) return fold(n, List.of());
        List<Tensor> in = new ArrayList<>();
        for (Value v : n.inputs()) {
            if (!v.isConstant()) return null;
            in.add(v.constantValue());
        }
        return fold(n, in);
    }

    /** {@code n} computed on operand data {@code in} (unused for SHAPE), or null when it must stay. */
    private static Tensor fold(Node n, List<Tensor> in) {
        if (n.outputs().size() != 1) return null;
        if (n.op() == Op.SHAPE) {
            return n.input(0).shape().isStatic() ? TensorValues.i64Vector(n.input(0).shape().sizes()) : null;
        }
        if (!n.output().shape().isStatic() || !isShapeArithmetic(n)) return null;
        try {
            return Evaluator.evaluate(n, in);
        } catch (ArithmeticException | IllegalArgumentException e) {
            return null; // leave it to run time, where the framework reports it with context
        }
    }
}
