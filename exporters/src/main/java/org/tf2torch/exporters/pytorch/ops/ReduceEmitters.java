package org.tf2torch.exporters.pytorch.ops;

import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;

/**
 * Reductions over attribute axes (empty: all of them). Results keep the IR's dtype: torch sums small
 * integer types into int64 unless told otherwise, and has no integer mean, which is a truncating division of
 * the sum by the static element count here.
 */
final class ReduceEmitters {
    private ReduceEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.REDUCE_SUM, ctx -> ctx.result(sum(ctx, dims(ctx))));
        r.add(Op.REDUCE_MAX, ctx -> {
            long[] dims = dims(ctx);
            ctx.result(EmptyReductions.guard(ctx, dims, reduce(ctx, "torch.amax", dims).render(), true));
        });
        r.add(Op.REDUCE_MEAN, ReduceEmitters::mean);
    }

    /** The reduced dims as written; null for "all" on a tensor of unknown rank. */
    private static long[] dims(EmitContext ctx) {
        long[] axes = ctx.node().attrs().ints("axes");
        Shape s = ctx.operandType(0).shape();
        if (!s.hasRank()) {
            if (axes.length == 0 && ctx.node().attrs().b("keepdims")) {
                throw new UnsupportedOperationException("keepdims reduction over all dims of unknown rank");
            }
            return axes.length == 0 ? null : axes;
        }
        int r = s.rank();
        if (axes.length == 0) {
            axes = new long[r];
            for (int i = 0; i < r; i++) axes[i] = i;
            return axes;
        }
        long[] out = new long[axes.length];
        for (int i = 0; i < axes.length; i++) out[i] = axes[i] < 0 ? axes[i] + r : axes[i];
        return out;
    }

    private static Call reduce(EmitContext ctx, String fn, long[] dims) {
        Call c = ctx.dialect().call(fn).arg(ctx.operand(0));
        if (dims == null) return c;
        return c.opt("dim", PyLiterals.ints(dims), null)
                .opt("keepdim", PyLiterals.bool(ctx.node().attrs().b("keepdims")), "False");
    }

    private static String sum(EmitContext ctx, long[] dims) {
        DType t = ctx.resultType().dtype();
        Call c = reduce(ctx, "torch.sum", dims);
        if (!t.isFloating() && t != DType.I64) {
            // Without it torch widens small integer sums to int64.
            c.kwOnly("dtype", ctx.dialect().dtype(t));
        }
        return c.render();
    }

    private static void mean(EmitContext ctx) {
        long[] dims = dims(ctx);
        DType t = ctx.resultType().dtype();
        if (t.isFloating()) {
            ctx.result(reduce(ctx, "torch.mean", dims).render());
            return;
        }
        Shape s = ctx.operandType(0).shape();
        if (dims == null) throw new UnsupportedOperationException("integer mean over a tensor of unknown rank");
        long count = 1;
        for (long a : dims) {
            Dim d = s.dim((int) a);
            if (!d.isStatic()) throw new UnsupportedOperationException("integer mean over a dynamic dim");
            count *= d.size();
        }
        String total = ctx.temp(ctx.node().output().name() + "_sum", sum(ctx, dims));
        ctx.result(ctx.dialect().call("torch.div").arg(total).arg(PyLiterals.integer(count))
                .kwOnly("rounding_mode", "\"trunc\"").render());
    }
}
