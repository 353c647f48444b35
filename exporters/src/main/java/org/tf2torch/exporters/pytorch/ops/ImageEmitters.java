package org.tf2torch.exporters.pytorch.ops;

import org.tf2torch.ir.Attrs;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;

/** Transposed convolutions and resizing. */
final class ImageEmitters {
    private ImageEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.CONV_TRANSPOSE, ImageEmitters::convTranspose);
        r.add(Op.RESIZE, ImageEmitters::resize);
    }

    /**
     * 2-D resize. Eager code uses F.interpolate; the archive calls the aten upsample ops F.interpolate
     * dispatches to (TorchScript's serialized code has no F namespace), with the same output size and no scales.
     */
    private static void resize(EmitContext ctx) {
        Attrs a = ctx.node().attrs();
        long[] sizes = a.ints("sizes");
        if (sizes.length != 2) throw new UnsupportedOperationException("resize over " + sizes.length + " spatial dims");
        String mode = a.s("mode");
        String coords = a.s("coordinate_transformation_mode");
        String x = ctx.operand(0);
        String size = PyLiterals.ints(sizes);
        boolean eager = ctx.dialect() == Dialect.EAGER;
        if (mode.equals("linear") && (coords.equals("align_corners") || coords.equals("half_pixel"))) {
            String align = coords.equals("align_corners") ? "True" : "False";
            ctx.result(eager ? "F.interpolate(" + x + ", size=" + size + ", mode=\"bilinear\", align_corners=" + align + ")"
                    : "torch.upsample_bilinear2d(" + x + ", " + size + ", " + align + ", None, None)");
        } else if (mode.equals("nearest") && coords.equals("asymmetric") && a.s("nearest_mode").equals("floor")) {
            ctx.result(eager ? "F.interpolate(" + x + ", size=" + size + ", mode=\"nearest\")"
                    : "torch.upsample_nearest2d(" + x + ", " + size + ", None, None)");
        } else if (mode.equals("nearest") && coords.equals("tf_half_pixel_for_nn")) {
            ctx.result(eager ? "F.interpolate(" + x + ", size=" + size + ", mode=\"nearest-exact\")"
                    : "torch._upsample_nearest_exact2d(" + x + ", " + size + ", None, None)");
        } else {
            throw new UnsupportedOperationException("resize mode " + mode + " with " + coords + " coordinates");
        }
    }

    /**
     * ONNX ConvTranspose. torch removes the same padding at both ends of a dim; when ONNX's begin and end pads
     * differ (TF SAME with an odd total), torch removes the smaller one, output_padding grows the end where
     * needed, and a narrow cuts what is left at each end. {@code F.conv_transpose*d} and aten share one order.
     */
    private static void convTranspose(EmitContext ctx) {
        Dialect d = ctx.dialect();
        Attrs a = ctx.node().attrs();
        long[] pads = a.ints("pads");
        long[] outPad = a.ints("output_padding");
        int sp = pads.length / 2;
        if (sp < 1 || sp > 3) throw new UnsupportedOperationException("conv_transpose over " + sp + " spatial dims");
        Shape ws = ctx.operandType(1).shape();
        if (ArchiveConvTranspose.applies(d, a.i("group"), sp) && ws.isStatic()) {
            long[] kernel = java.util.Arrays.copyOfRange(ws.sizes(), 2, 2 + sp);
            ctx.result(ArchiveConvTranspose.expr(d, ctx.operand(0), ctx.operand(1),
                    ctx.node().inputs().size() > 2 ? ctx.operand(2) : "None", kernel, a.ints("strides"),
                    a.ints("dilations"), pads, outPad));
            return;
        }
        long[] padding = new long[sp];
        long[] extra = new long[sp];
        long[] cropBegin = new long[sp];
        boolean crop = false;
        for (int i = 0; i < sp; i++) {
            padding[i] = Math.min(pads[i], pads[i + sp]);
            cropBegin[i] = pads[i] - padding[i];
            long cropEnd = pads[i + sp] - padding[i];
            extra[i] = Math.max(outPad[i] - cropEnd, 0);
            // torch's size exceeds ONNX's by cropBegin + cropEnd + extra - outPad
            crop |= cropBegin[i] != 0 || cropBegin[i] + cropEnd + extra[i] - outPad[i] != 0;
        }
        String bias = ctx.node().inputs().size() > 2 ? ctx.operand(2) : "None";
        String ones = PyLiterals.ints(Padding.filled(sp, 1));
        String zeros = PyLiterals.ints(Padding.filled(sp, 0));
        String y = d.call(d.nn("conv_transpose" + sp + "d")).arg(ctx.operand(0)).arg(ctx.operand(1))
                .opt("bias", bias, "None").opt("stride", PyLiterals.ints(a.ints("strides")), ones)
                .opt("padding", PyLiterals.ints(padding), zeros).opt("output_padding", PyLiterals.ints(extra), zeros)
                .opt("groups", PyLiterals.integer(a.i("group")), "1")
                .opt("dilation", PyLiterals.ints(a.ints("dilations")), ones).render();
        if (!crop) {
            ctx.result(y);
            return;
        }
        Shape out = ctx.resultType().shape();
        y = ctx.temp(ctx.node().output().name() + "_full", y);
        for (int i = 0; i < sp; i++) {
            y = d.method(y, "narrow", PyLiterals.integer(2 + i), PyLiterals.integer(cropBegin[i]),
                    PyLiterals.integer(out.dim(2 + i).size()));
        }
        ctx.result(y);
    }
}
