package org.tf2torch.exporters.pytorch.ops;

import org.tf2torch.ir.Attrs;
import org.tf2torch.ir.Op;

/**
 * Max and average pooling (ONNX, no ceil mode). torch's own {@code padding=} is symmetric and at most half
 * the kernel; outside that the pad is made explicit, and the average that must not count padding (TF SAME)
 * divides a window sum by a window count of real elements, so each output is exactly sum / count.
 */
final class PoolEmitters {
    private PoolEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.MAX_POOL, PoolEmitters::maxPool);
        r.add(Op.AVERAGE_POOL, PoolEmitters::avgPool);
    }

    /** Symmetric per-dim pads torch's {@code padding=} can take for kernel {@code k}, else null. */
    private static long[] nativePadding(long[] pads, long[] k) {
        long[] sym = Padding.symmetric(pads);
        if (sym == null) return null;
        for (int i = 0; i < sym.length; i++) if (sym[i] * 2 > k[i]) return null;
        return sym;
    }

    private static int spatial(long[] k) {
        if (k.length < 1 || k.length > 3) throw new UnsupportedOperationException("pool over " + k.length + " dims");
        return k.length;
    }

    private static void maxPool(EmitContext ctx) {
        Dialect d = ctx.dialect();
        Attrs a = ctx.node().attrs();
        long[] k = a.ints("kernel_shape");
        long[] pads = a.ints("pads");
        int sp = spatial(k);
        String x = ctx.operand(0);
        long[] padding = nativePadding(pads, k);
        if (padding == null) {
            // Padding with -inf never wins a max, as ONNX's implicit padding.
            x = ctx.temp(ctx.node().output().name() + "_pad", Padding.constant(d, x, pads, "float(\"-inf\")"));
            padding = Padding.filled(sp, 0);
        }
        String ones = PyLiterals.ints(Padding.filled(sp, 1));
        ctx.result(d.call(d.nn("max_pool" + sp + "d")).arg(x).arg(PyLiterals.ints(k))
                .opt("stride", PyLiterals.ints(a.ints("strides")), null)
                .opt("padding", PyLiterals.ints(padding), PyLiterals.ints(Padding.filled(sp, 0)))
                .opt("dilation", ones, ones).opt("ceil_mode", "False", "False").render());
    }

    private static void avgPool(EmitContext ctx) {
        Dialect d = ctx.dialect();
        Attrs a = ctx.node().attrs();
        long[] k = a.ints("kernel_shape");
        long[] s = a.ints("strides");
        long[] pads = a.ints("pads");
        boolean includePad = a.b("count_include_pad");
        int sp = spatial(k);
        String x = ctx.operand(0);
        long[] padding = nativePadding(pads, k);
        if (padding == null && includePad) {
            // Zeros in the window and the full kernel size as divisor: exactly what counting the pad means.
            x = ctx.temp(ctx.node().output().name() + "_pad", Padding.constant(d, x, pads, "None"));
            padding = Padding.filled(sp, 0);
        }
        if (padding != null) {
            // With no padding at all the flag changes nothing; leave it at torch's default for readability.
            boolean flag = includePad || Padding.allZero(padding);
            ctx.result(avgCall(d, sp, x, k, s, padding, flag, null));
            return;
        }
        String hint = ctx.node().output().name();
        long[] kk = k;
        long[] ss = s;
        long[] pp = pads;
        String ones = d == Dialect.EAGER ? "torch.ones_like(" + x + "[:1, :1])"
                : "torch.ones_like(torch.narrow(torch.narrow(" + x + ", 0, 0, 1), 1, 0, 1))";
        String xs = x;
        if (sp == 1) {
            // avg_pool1d has no divisor_override; pool a height-1 image instead.
            xs = ctx.temp(hint + "_2d", d.method(x, "unsqueeze", "2"));
            ones = d.method(ones, "unsqueeze", "2");
            kk = new long[] {1, k[0]};
            ss = new long[] {1, s[0]};
            pp = new long[] {0, pads[0], 0, pads[1]};
        }
        int dims = kk.length;
        long[] zero = Padding.filled(dims, 0);
        String xp = ctx.temp(hint + "_pad", Padding.constant(d, xs, pp, "None"));
        String total = ctx.temp(hint + "_sum", avgCall(d, dims, xp, kk, ss, zero, true, "1"));
        String onesPad = ctx.temp(hint + "_ones", Padding.constant(d, ones, pp, "None"));
        String count = ctx.temp(hint + "_count", avgCall(d, dims, onesPad, kk, ss, zero, true, "1"));
        String quotient = d.binary("/", "div", total, count);
        if (sp == 1) quotient = ctx.temp(hint + "_2d_avg", quotient);
        ctx.result(sp == 1 ? d.method(quotient, "squeeze", "2") : quotient);
    }

    private static String avgCall(Dialect d, int sp, String x, long[] k, long[] s, long[] padding, boolean includePad,
            String divisor) {
        Call c = d.call(d.nn("avg_pool" + sp + "d")).arg(x).arg(PyLiterals.ints(k))
                .opt("stride", PyLiterals.ints(s), null)
                .opt("padding", PyLiterals.ints(padding), PyLiterals.ints(Padding.filled(sp, 0)))
                .opt("ceil_mode", "False", "False")
                .opt("count_include_pad", PyLiterals.bool(includePad), "True");
        // avg_pool1d's schema ends at count_include_pad.
        if (sp > 1) c.opt("divisor_override", divisor == null ? "None" : divisor, "None");
        return c.render();
    }
}
