package org.tf2torch.exporters.pytorch.ops;

import org.tf2torch.ir.Attrs;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;

/** Matrix product, convolution, batch normalization and softmax. */
final class NnEmitters {
    private NnEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.MATMUL, ctx -> ctx.result(ctx.dialect().binary("@", "matmul", ctx.operand(0), ctx.operand(1))));
        r.add(Op.CONV, NnEmitters::conv);
        r.add(Op.BATCH_NORMALIZATION, NnEmitters::batchNorm);
        r.add(Op.SOFTMAX, ctx -> softmax(ctx, "softmax"));
        r.add(Op.LOG_SOFTMAX, ctx -> softmax(ctx, "log_softmax"));
    }

    /**
     * ONNX Conv. torch pads both sides of a dim by the same amount, so symmetric pads go to {@code padding=}
     * and asymmetric ones (TF SAME with an even kernel or stride 2) become an explicit zero pad first.
     */
    private static void conv(EmitContext ctx) {
        Dialect d = ctx.dialect();
        Attrs a = ctx.node().attrs();
        long[] pads = a.ints("pads");
        int sp = pads.length / 2;
        if (sp < 1 || sp > 3) throw new UnsupportedOperationException("conv over " + sp + " spatial dims");
        String x = ctx.operand(0);
        long[] padding = Padding.symmetric(pads);
        if (padding == null) {
            x = ctx.temp(ctx.node().output().name() + "_pad", Padding.constant(d, x, pads, "None"));
            padding = Padding.filled(sp, 0);
        }
        String w = ctx.operand(1);
        String bias = ctx.node().inputs().size() > 2 ? ctx.operand(2) : "None";
        String ones = PyLiterals.ints(Padding.filled(sp, 1));
        ctx.result(d.call(d.nn("conv" + sp + "d")).arg(x).arg(w).opt("bias", bias, "None")
                .opt("stride", PyLiterals.ints(a.ints("strides")), ones)
                .opt("padding", PyLiterals.ints(padding), PyLiterals.ints(Padding.filled(sp, 0)))
                .opt("dilation", PyLiterals.ints(a.ints("dilations")), ones)
                .opt("groups", PyLiterals.integer(a.i("group")), "1").render());
    }

    /**
     * Inference batch norm with statistics on axis 1. {@code F.batch_norm} and aten's {@code batch_norm}
     * order their arguments differently, so each dialect gets its own call.
     */
    private static void batchNorm(EmitContext ctx) {
        String x = ctx.operand(0);
        String scale = ctx.operand(1);
        String bias = ctx.operand(2);
        String mean = ctx.operand(3);
        String var = ctx.operand(4);
        DType t = ctx.resultType().dtype();
        String eps = PyLiterals.floating(ctx.node().attrs().f("epsilon"), t);
        if (ctx.dialect() == Dialect.EAGER) {
            ctx.result("F.batch_norm(" + x + ", " + mean + ", " + var + ", " + scale + ", " + bias
                    + ", eps=" + eps + ")");
        } else {
            ctx.result("torch.batch_norm(" + x + ", " + scale + ", " + bias + ", " + mean + ", " + var
                    + ", False, 0.0, " + eps + ", False)");
        }
    }

    private static void softmax(EmitContext ctx, String fn) {
        Dialect d = ctx.dialect();
        ctx.result(d.call(d == Dialect.EAGER ? "F." + fn : "torch." + fn).arg(ctx.operand(0))
                .opt("dim", PyLiterals.integer(ctx.node().attrs().i("axis")), null).render());
    }
}
