package org.tf2torch.exporters.pytorch.ops;

import java.util.Arrays;
import org.tf2torch.ir.Attrs;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;

/** Min/prod/all/any reductions, arg-max/min, cumulative sums and products, top-k. */
final class ScanEmitters {
    private ScanEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.REDUCE_MIN, ScanEmitters::reduceMin);
        r.add(Op.REDUCE_PROD, ctx -> perDim(ctx, "torch.prod"));
        r.add(Op.REDUCE_ALL, ctx -> perDim(ctx, "torch.all"));
        r.add(Op.REDUCE_ANY, ctx -> perDim(ctx, "torch.any"));
        r.add(Op.ARG_MAX, ctx -> arg(ctx, "torch.argmax"));
        r.add(Op.ARG_MIN, ctx -> arg(ctx, "torch.argmin"));
        r.add(Op.CUMSUM, ctx -> cumulative(ctx, "torch.cumsum", "0"));
        r.add(Op.CUMPROD, ctx -> cumulative(ctx, "torch.cumprod", "1"));
        r.add(Op.TOP_K, ScanEmitters::topK);
    }

    /** The reduced dims, non-negative and ascending; null for "all" on a tensor of unknown rank. */
    static long[] dims(EmitContext ctx) {
        long[] axes = ctx.node().attrs().ints("axes");
        Shape s = ctx.operandType(0).shape();
        if (!s.hasRank()) {
            if (axes.length == 0 && ctx.node().attrs().b("keepdims")) {
                throw new UnsupportedOperationException("keepdims reduction over all dims of unknown rank");
            }
            if (axes.length == 0) return null;
            for (long a : axes) if (a < 0) throw new UnsupportedOperationException("negative axis on unknown rank");
            return Arrays.stream(axes).sorted().distinct().toArray();
        }
        int r = s.rank();
        if (axes.length == 0) {
            axes = new long[r];
            for (int i = 0; i < r; i++) axes[i] = i;
        }
        return Arrays.stream(axes).map(a -> a < 0 ? a + r : a).sorted().distinct().toArray();
    }

    private static void reduceMin(EmitContext ctx) {
        long[] dims = dims(ctx);
        Call c = ctx.dialect().call("torch.amin").arg(ctx.operand(0));
        if (dims != null) {
            c.opt("dim", PyLiterals.ints(dims), null)
                    .opt("keepdim", PyLiterals.bool(ctx.node().attrs().b("keepdims")), "False");
        }
        ctx.result(EmptyReductions.guard(ctx, dims, c.render(), false));
    }

    /**
     * prod, all and any take one dim at a time in torch 1.13: reduce the dims highest first, so the lower
     * ones keep their numbers, or everything in one call. prod gets the dtype, which it would widen to int64.
     */
    private static void perDim(EmitContext ctx, String fn) {
        Dialect d = ctx.dialect();
        long[] dims = dims(ctx);
        boolean keep = ctx.node().attrs().b("keepdims");
        DType t = ctx.resultType().dtype();
        boolean dtype = fn.equals("torch.prod") && t != DType.I64 && !t.isFloating();
        Shape s = ctx.operandType(0).shape();
        if (dims == null || (!keep && s.hasRank() && dims.length == s.rank() && dims.length != 1)) {
            Call c = d.call(fn).arg(ctx.operand(0));
            if (dtype) c.kwOnly("dtype", d.dtype(t));
            ctx.result(c.render());
            return;
        }
        String e = ctx.operand(0);
        for (int i = dims.length - 1; i >= 0; i--) {
            Call c = d.call(fn).arg(e).arg(PyLiterals.integer(dims[i])).opt("keepdim", PyLiterals.bool(keep), "False");
            if (dtype) c.kwOnly("dtype", d.dtype(t));
            e = i == 0 ? c.render() : ctx.temp(ctx.node().output().name() + "_part", c.render());
        }
        ctx.result(e);
    }

    /** torch returns the first extreme index, as TF does. */
    private static void arg(EmitContext ctx, String fn) {
        Attrs a = ctx.node().attrs();
        ctx.result(ctx.dialect().call(fn).arg(ctx.operand(0)).opt("dim", PyLiterals.integer(a.i("axis")), null)
                .opt("keepdim", PyLiterals.bool(a.b("keepdims")), "False").render());
    }

    /**
     * Reverse scans run on the flipped input and flip back. An exclusive scan shifts the input by one along the
     * axis, the first slot taking the identity, so element i combines exactly the elements before it.
     */
    private static void cumulative(EmitContext ctx, String fn, String identity) {
        Dialect d = ctx.dialect();
        Attrs a = ctx.node().attrs();
        String dim = PyLiterals.integer(a.i("axis"));
        String hint = ctx.node().output().name();
        DType t = ctx.resultType().dtype();
        String x = ctx.operand(0);
        boolean reverse = a.b("reverse");
        if (reverse) x = ctx.temp(hint + "_flip", d.call("torch.flip").arg(x).arg("[" + dim + "]").render());
        if (a.b("exclusive")) {
            String n = d.method(x, "size", dim);
            String head = d.call("torch.narrow").arg(x).arg(dim).arg("0").arg("1").render();
            String first = d.call("torch.full_like").arg(head).arg(identity).render();
            String rest = d.call("torch.narrow").arg(x).arg(dim).arg("0").arg(n + " - 1").render();
            x = ctx.temp(hint + "_shift", d.call("torch.cat").arg("[" + first + ", " + rest + "]").arg(dim).render());
        }
        Call c = d.call(fn).arg(x).arg(dim);
        // Without it torch widens integer scans to int64.
        if (!t.isFloating() && t != DType.I64) c.kwOnly("dtype", d.dtype(t));
        String y = c.render();
        if (reverse) y = d.call("torch.flip").arg(ctx.temp(hint + "_scan", y)).arg("[" + dim + "]").render();
        ctx.result(y);
    }

    /**
     * A stable sort, then the first k: among equal values TF returns the lower index first, which
     * {@code torch.topk} does not promise.
     */
    private static void topK(EmitContext ctx) {
        Dialect d = ctx.dialect();
        Attrs a = ctx.node().attrs();
        long k = a.i("k");
        String dim = PyLiterals.integer(a.i("axis"));
        String sorted = ctx.temp(ctx.node().output().name() + "_sorted", d.call("torch.sort").arg(ctx.operand(0))
                .kwOnly("stable", "True").kwOnly("dim", dim).kwOnly("descending", PyLiterals.bool(a.b("largest")))
                .render());
        Shape s = ctx.operandType(0).shape();
        Dim n = s.hasRank() ? s.dim((int) (a.i("axis") < 0 ? a.i("axis") + s.rank() : a.i("axis"))) : null;
        boolean all = n != null && n.isStatic() && n.size() == k;
        String[] parts = new String[2];
        for (int i = 0; i < 2; i++) {
            String part = sorted + "[" + i + "]";
            parts[i] = all ? part : d.call("torch.narrow").arg(part).arg(dim).arg("0").arg(PyLiterals.integer(k)).render();
        }
        ctx.results(parts[0] + ", " + parts[1]);
    }
}
