package org.tf2torch.ir.passes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;

/**
 * A reshape whose target is computed at run time (Keras's Flatten: {@code reshape(x, [shape(x)[0], -1])}) but
 * whose result has at most one non-static dim gets a constant target with -1 there: whenever TF's reshape is
 * valid, the element count fixes that dim, so the two agree; the shape arithmetic then goes dead, and model.py
 * reads {@code x.reshape(-1, 2304)} instead of a chain of tensor ops on {@code x.shape}.
 */
public final class ReshapeTargetFolding implements Pass {
    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node n : new ArrayList<>(g.nodes())) {
            if (n.graph() == null || n.op() != Op.RESHAPE) continue;
            Node target = n.input(1).producer();
            if (target != null && target.op() == Op.CONSTANT) continue;
            long[] dims = constantTarget(n.output().shape());
            if (dims == null) continue;
            Node c = g.insertBefore(n, Op.CONSTANT, List.of(), Map.of("value", TensorValues.i64Vector(dims)),
                    n.source(), "shape");
            Node r = g.insertBefore(n, Op.RESHAPE, List.of(n.input(0), c.output()), Map.of(), n.source(),
                    n.output().name());
            // the old result type names the dims as the model does; the -1 form infers less
            r.output().setType(n.output().type());
            n.output().replaceAllUsesWith(r.output());
            g.replaceOutput(n.output(), r.output());
            changed = true;
        }
        if (changed) new DeadCodeElimination().run(g);
        return changed;
    }

    /** The result's dims with its one non-static dim as -1, or null when that is not exact. */
    private static long[] constantTarget(Shape s) {
        if (!s.hasRank()) return null;
        long[] dims = new long[s.rank()];
        int dynamic = 0;
        for (int i = 0; i < s.rank(); i++) {
            Dim d = s.dim(i);
            // a 0 among the static dims would leave -1 undetermined
            if (d.isStatic() && d.size() == 0) return null;
            dims[i] = d.isStatic() ? d.size() : -1;
            if (!d.isStatic()) dynamic++;
        }
        return dynamic <= 1 ? dims : null;
    }
}
