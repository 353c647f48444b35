package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Op;

/** Reductions over constant axes ({@code reduction_indices}), with TF's {@code keep_dims}. */
final class ReduceOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        reduce(r, "Mean", Op.REDUCE_MEAN);
        reduce(r, "Sum", Op.REDUCE_SUM);
        reduce(r, "Max", Op.REDUCE_MAX);
    }

    private static void reduce(OpRegistry r, String tf, Op op) {
        r.add(tf, Translator.single(c -> {
            long[] axes = c.constInts(1);
            if (axes.length == 0) return c.input(0); // TF reduces over no axes: the input unchanged
            return c.add(op, List.of(c.input(0)), Map.of("axes", axes, "keepdims", c.attrBool("keep_dims", false)));
        }), op);
    }
}
