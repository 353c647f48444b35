package org.tf2torch.exporters.pytorch.ops;

import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;

/** Floor division and remainders, rounding, trigonometric and special functions, and a few activations. */
final class FunctionEmitters {
    private FunctionEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.FLOOR_DIV, FunctionEmitters::floorDiv);
        r.add(Op.MOD, ctx -> binary(ctx, ctx.node().attrs().b("fmod") ? "torch.fmod" : "torch.remainder"));
        r.add(Op.ATAN2, ctx -> binary(ctx, "torch.atan2"));

        unary(r, Op.FLOOR, "floor");
        unary(r, Op.CEIL, "ceil");
        // torch.round rounds half to even, as the IR op does.
        unary(r, Op.ROUND, "round");
        unary(r, Op.SIGN, "sign");
        unary(r, Op.SIN, "sin");
        unary(r, Op.COS, "cos");
        unary(r, Op.TAN, "tan");
        unary(r, Op.ASIN, "asin");
        unary(r, Op.ACOS, "acos");
        unary(r, Op.ATAN, "atan");
        unary(r, Op.SINH, "sinh");
        unary(r, Op.COSH, "cosh");
        unary(r, Op.ASINH, "asinh");
        unary(r, Op.ACOSH, "acosh");
        unary(r, Op.ATANH, "atanh");
        unary(r, Op.ERF, "erf");
        unary(r, Op.ERFC, "erfc");
        unary(r, Op.LOG1P, "log1p");
        unary(r, Op.EXPM1, "expm1");
        unary(r, Op.LGAMMA, "lgamma");
        unary(r, Op.DIGAMMA, "digamma");

        r.add(Op.SOFTPLUS, FunctionEmitters::softplus);
        r.add(Op.SOFTSIGN, ctx -> ctx.result(ctx.dialect() == Dialect.EAGER ? "F.softsign(" + ctx.operand(0) + ")"
                : "torch.div(" + ctx.operand(0) + ", torch.add(torch.abs(" + ctx.operand(0) + "), 1))"));
        r.add(Op.LEAKY_RELU, ctx -> ctx.result(ctx.dialect().call(ctx.dialect().nn("leaky_relu")).arg(ctx.operand(0))
                .opt("negative_slope", PyLiterals.floating(ctx.node().attrs().f("alpha"), ctx.resultType().dtype()),
                        "0.01").render()));
    }

    private static void unary(Emitters.Registry r, Op op, String fn) {
        r.add(op, ctx -> ctx.result("torch." + fn + "(" + ctx.operand(0) + ")"));
    }

    private static void binary(EmitContext ctx, String fn) {
        ctx.result(fn + "(" + ctx.operand(0) + ", " + ctx.operand(1) + ")");
    }

    /**
     * Integers: torch.div's floor mode. Floats: floor of the true quotient, as TF computes it; torch's floor
     * mode derives the quotient from fmod and differs from it where x / y rounds to an integer.
     */
    private static void floorDiv(EmitContext ctx) {
        Dialect d = ctx.dialect();
        String a = ctx.operand(0);
        String b = ctx.operand(1);
        if (ctx.resultType().dtype().isFloating()) {
            ctx.result("torch.floor(" + d.binary("/", "div", a, b) + ")");
        } else {
            ctx.result(d.call("torch.div").arg(a).arg(b).kwOnly("rounding_mode", "\"floor\"").render());
        }
    }

    /**
     * TF's softplus returns x itself above -log(eps) - 2 of the dtype (torch's default threshold is 20), and
     * exp(x) below log(eps) + 2, where torch's log1p(exp(x)) differs from it by under eps / 2 relative.
     */
    private static void softplus(EmitContext ctx) {
        Dialect d = ctx.dialect();
        DType t = ctx.resultType().dtype();
        double threshold = -(Math.log(epsilon(t)) + 2);
        if (t == DType.F32) threshold = -((float) Math.log(epsilon(t)) + 2f);
        ctx.result(d.call(d.nn("softplus")).arg(ctx.operand(0)).opt("beta", "1", "1")
                .opt("threshold", PyLiterals.floating(threshold, t), "20").render());
    }

    private static double epsilon(DType t) {
        switch (t) {
            case F16: return 0x1p-10;
            case BF16: return 0x1p-7;
            case F32: return 0x1p-23;
            default: return 0x1p-52;
        }
    }
}
