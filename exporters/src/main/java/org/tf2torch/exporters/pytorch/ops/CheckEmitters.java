package org.tf2torch.exporters.pytorch.ops;

import org.tf2torch.ir.Op;

/** Run-time checks that pass their input through (TF CheckNumerics, Squeeze without axes on dynamic dims). */
final class CheckEmitters {
    private CheckEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.CHECK_FINITE, CheckEmitters::checkFinite);
        r.add(Op.CHECK_DIMS_NOT_ONE, CheckEmitters::checkDimsNotOne);
    }

    /** TorchScript compiles a raise under an if in both torch 1.13 and libtorch 2.x, so the check stays in. */
    private static void checkFinite(EmitContext ctx) {
        String x = ctx.operand(0);
        String finite = ctx.dialect().call("torch.all").arg(ctx.dialect().call("torch.isfinite").arg(x).render())
                .render();
        ctx.raiseIf("not bool(" + finite + ")", ctx.node().attrs().s("message"));
        ctx.result(x);
    }

    /** One condition for all axes, so the message names every dim the model cannot drop. */
    private static void checkDimsNotOne(EmitContext ctx) {
        String x = ctx.operand(0);
        java.util.List<String> tests = new java.util.ArrayList<>();
        for (long axis : ctx.node().attrs().ints("axes")) tests.add(x + ".size(" + axis + ") == 1");
        ctx.raiseIf(String.join(" or ", tests), ctx.node().attrs().s("message"));
        ctx.result(x);
    }
}
