package org.tf2torch.ir.passes;

import java.util.ArrayList;
import java.util.List;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * Replaces nodes whose operands are all constants by their value, and SHAPE of a statically shaped value
 * by a constant. Results above {@link #MAX_ELEMENTS} stay computed, so folding never bloats the model.
 */
public final class ConstantFolding implements Pass {
    static final long MAX_ELEMENTS = 1 << 24;

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node n : new ArrayList<>(g.nodes())) {
            if (n.graph() == null || n.op() == Op.CONSTANT || n.op() == Op.PARAM) continue;
            Tensor folded = fold(n);
            if (folded == null) continue;
            Value c = g.insertBefore(n, Op.CONSTANT, List.of(), java.util.Map.of("value", folded), n.source(),
                    n.output().name()).output();
            n.output().replaceAllUsesWith(c);
            g.replaceOutput(n.output(), c);
            g.remove(n);
            changed = true;
        }
        if (changed) new DeadCodeElimination().run(g);
        return changed;
    }

    private static Tensor fold(Node n) {
        if (n.outputs().size() != 1) return null;
        if (n.op() == Op.SHAPE) {
            return n.input(0).shape().isStatic() ? TensorValues.i64Vector(n.input(0).shape().sizes()) : null;
        }
        List<Tensor> in = new ArrayList<>();
        for (Value v : n.inputs()) {
            if (!v.isConstant()) return null;
            in.add(v.constantValue());
        }
        if (!n.output().shape().isStatic() || n.output().shape().numElements() > MAX_ELEMENTS) return null;
        try {
            return Evaluator.evaluate(n, in);
        } catch (ArithmeticException | IllegalArgumentException e) {
            return null; // leave it to run time, where the framework reports it with context
        }
    }
}
