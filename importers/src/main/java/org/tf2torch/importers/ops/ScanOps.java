package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/** Reductions beyond sum/mean/max, arg-max/min, cumulative ops, top-k and segment ops. */
final class ScanOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        reduce(r, "Prod", Op.REDUCE_PROD);
        reduce(r, "Min", Op.REDUCE_MIN);
        reduce(r, "All", Op.REDUCE_ALL);
        reduce(r, "Any", Op.REDUCE_ANY);
        r.add("ArgMax", Translator.single(c -> arg(c, Op.ARG_MAX)), Op.ARG_MAX, Op.CAST);
        r.add("ArgMin", Translator.single(c -> arg(c, Op.ARG_MIN)), Op.ARG_MIN, Op.CAST);
        r.add("Cumsum", Translator.single(c -> cumulative(c, Op.CUMSUM)), Op.CUMSUM);
        r.add("Cumprod", Translator.single(c -> cumulative(c, Op.CUMPROD)), Op.CUMPROD);
        new TopKOps().register(r);
        new SegmentOps().register(r);
    }

    private static void reduce(OpRegistry r, String tf, Op op) {
        r.add(tf, Translator.single(c -> {
            long[] axes = c.constInts(1);
            if (axes.length == 0) return c.input(0); // TF reduces over no axes: the input unchanged
            return c.add(op, List.of(c.input(0)), Map.of("axes", axes, "keepdims", c.attrBool("keep_dims", false)));
        }), op);
    }

    private static Value arg(OpContext c, Op op) {
        long[] axis = c.constInts(1);
        if (axis.length != 1) throw new TranslationException("the axis must be a single value, got " + axis.length);
        Value y = c.add(op, List.of(c.input(0)), Map.of("axis", axis[0]));
        DType out = c.hasAttr("output_type") ? c.attrType("output_type") : DType.I64;
        return out == DType.I64 ? y : c.add(Op.CAST, List.of(y), Map.of("to", out));
    }

    private static Value cumulative(OpContext c, Op op) {
        long[] axis = c.constInts(1);
        if (axis.length != 1) throw new TranslationException("the axis must be a single value, got " + axis.length);
        return c.add(op, List.of(c.input(0)), Map.of("axis", axis[0], "exclusive", c.attrBool("exclusive", false),
                "reverse", c.attrBool("reverse", false)));
    }
}
