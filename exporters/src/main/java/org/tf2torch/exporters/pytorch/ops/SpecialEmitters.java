package org.tf2torch.exporters.pytorch.ops;

import org.tf2torch.ir.Op;

/**
 * Incomplete gamma, Hurwitz zeta and polygamma with {@code torch.special}, patched where TF's (Eigen's) domain
 * conventions differ from PyTorch's; the incomplete beta function, which PyTorch lacks, is {@link Betainc}.
 */
final class SpecialEmitters {
    private SpecialEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.IGAMMA, SpecialEmitters::igamma);
        r.add(Op.IGAMMAC, SpecialEmitters::igammac);
        r.add(Op.ZETA, ctx -> ctx.result(LinalgEmitters.down(ctx, special(ctx.dialect(), "zeta") + "("
                + LinalgEmitters.up(ctx, 0) + ", " + LinalgEmitters.up(ctx, 1) + ")")));
        r.add(Op.POLYGAMMA, SpecialEmitters::polygamma);
        r.add(Op.BETAINC, Betainc::emit);
    }

    static String special(Dialect d, String fn) {
        return d == Dialect.EAGER ? "torch.special." + fn : "torch.special_" + fn;
    }

    /**
     * Eigen returns 0 wherever x == 0 (before any domain check) and NaN for a <= 0; PyTorch gives 1 for a == 0
     * and x > 0, and NaN for a <= 0 at x == 0.
     */
    private static void igamma(EmitContext ctx) {
        Dialect d = ctx.dialect();
        String a = LinalgEmitters.up(ctx, 0);
        String x = LinalgEmitters.up(ctx, 1);
        String hint = ctx.node().output().name();
        String p = ctx.temp(hint + "_p", special(d, "gammainc") + "(" + a + ", " + x + ")");
        String nan = d.call("torch.full_like").arg(p).arg("float(\"nan\")").render();
        String inDomain = ctx.temp(hint + "_nan", where(d, d.binary("<=", "le", a, "0"), nan, p));
        ctx.result(LinalgEmitters.down(ctx, where(d, d.binary("==", "eq", x, "0"),
                d.call("torch.zeros_like").arg(p).render(), inDomain)));
    }

    /** Eigen gives NaN for a <= 0 (x >= 0); PyTorch gives 0 for a == 0 and x > 0. */
    private static void igammac(EmitContext ctx) {
        Dialect d = ctx.dialect();
        String a = LinalgEmitters.up(ctx, 0);
        String x = LinalgEmitters.up(ctx, 1);
        String q = ctx.temp(ctx.node().output().name() + "_q", special(d, "gammaincc") + "(" + a + ", " + x + ")");
        String nan = d.call("torch.full_like").arg(q).arg("float(\"nan\")").render();
        ctx.result(LinalgEmitters.down(ctx, where(d, d.binary("<=", "le", a, "0"), nan, q)));
    }

    /**
     * torch.special.polygamma takes n as a Python int, TF a tensor. Eigen's formula per element: NaN where n
     * is not an integer, digamma(x) where n == 0, else (-1)^(n+1) * exp(lgamma(n+1)) * zeta(n+1, x), which
     * is also NaN for negative n (zeta of an order below 1).
     */
    private static void polygamma(EmitContext ctx) {
        Dialect d = ctx.dialect();
        String n = LinalgEmitters.up(ctx, 0);
        String x = LinalgEmitters.up(ctx, 1);
        String hint = ctx.node().output().name();
        String n1 = ctx.temp(hint + "_n1", d.binary("+", "add", n, "1"));
        String sign = ctx.temp(hint + "_sign", d.call("torch.pow").arg("-1.0").arg(n1).render());
        String fact = ctx.temp(hint + "_fact", "torch.exp(torch.lgamma(" + n1 + "))");
        String zeta = ctx.temp(hint + "_zeta", special(d, "zeta") + "(" + n1 + ", " + x + ")");
        String value = ctx.temp(hint + "_value", d.binary("*", "mul", d.binary("*", "mul", sign, fact), zeta));
        String psi = ctx.temp(hint + "_psi", where(d, d.binary("==", "eq", n, "0"), "torch.digamma(" + x + ")", value));
        String nan = d.call("torch.full_like").arg(psi).arg("float(\"nan\")").render();
        String integral = d.binary("!=", "ne", "torch.floor(" + n + ")", n);
        ctx.result(LinalgEmitters.down(ctx, where(d, integral, nan, psi)));
    }

    static String where(Dialect d, String cond, String a, String b) {
        return d.call("torch.where").arg(cond).arg(a).arg(b).render();
    }
}
