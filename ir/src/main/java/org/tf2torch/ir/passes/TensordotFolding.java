package org.tf2torch.ir.passes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Value;

/**
 * tf.tensordot over the last axis (Keras Dense on rank-3+ input) flattens x to [rows, k], multiplies by a
 * [k, n] matrix and reshapes to x's leading dims + [n]; a batched matmul of x itself computes exactly that, so
 * {@code reshape(matmul(reshape(x, [rows, k]), w), leading + [n])} becomes {@code matmul(x, w)} when the types
 * prove it: the result's leading dims are x's, each static or the same symbol.
 */
public final class TensordotFolding implements Pass {
    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node back : new ArrayList<>(g.nodes())) {
            if (back.graph() == null || back.op() != Op.RESHAPE) continue;
            Node mm = Patterns.producer(back.input(0), Op.MATMUL);
            if (mm == null || !Patterns.internal(mm.output(), g)) continue;
            Node flat = Patterns.producer(mm.input(0), Op.RESHAPE);
            if (flat == null) continue;
            Value x = flat.input(0);
            Shape xs = x.shape();
            Shape ws = mm.input(1).shape();
            Shape fs = flat.output().shape();
            Shape ys = back.output().shape();
            if (!xs.hasRank() || xs.rank() < 3 || !ws.hasRank() || ws.rank() != 2 || !fs.hasRank() || fs.rank() != 2
                    || !ys.hasRank() || ys.rank() != xs.rank()) continue;
            Dim k = xs.dim(-1);
            if (!k.isStatic() || !k.equals(ws.dim(0)) || !k.equals(fs.dim(1)) || !ys.dim(-1).equals(ws.dim(1))) continue;
            boolean same = true;
            for (int i = 0; i < xs.rank() - 1; i++) {
                Dim a = xs.dim(i);
                same &= !a.isUnknown() && a.equals(ys.dim(i));
            }
            if (!same) continue;
            Node direct = g.insertBefore(back, Op.MATMUL, List.of(x, mm.input(1)), Map.of(), mm.source(),
                    mm.output().name());
            if (!direct.output().type().equals(back.output().type())) {
                g.remove(direct);
                continue;
            }
            back.output().replaceAllUsesWith(direct.output());
            g.replaceOutput(back.output(), direct.output());
            changed = true;
        }
        if (changed) new DeadCodeElimination().run(g);
        return changed;
    }
}
