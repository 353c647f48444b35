package org.tf2torch.exporters.pytorch.ops;

import java.util.ArrayList;
import java.util.List;
import org.tf2torch.ir.DType;

/**
 * The regularized incomplete beta function I_x(a, b), which PyTorch lacks, written out as TF's double-precision
 * algorithm (Cephes incbet, as Eigen has it): a power series where b x <= 1 and x <= 0.95, else one of two
 * continued fractions after swapping (a, b, x) to (b, a, 1 - x) when x lies above the mean a / (a + b), with the
 * same convergence tests, iteration cap (300) and rescaling. Every element runs the same loop; an element stops
 * changing once its own test passes, and the loop ends when all have. Computed in float64 for any input
 * dtype: TF's float32 kernel is a lower-precision variant of the same method.
 */
final class Betainc {
    private static final double MACHEP = Math.ulp(1.0) / 2;
    private static final double BIG = 1 / Math.ulp(1.0);
    private static final double BIGINV = Math.ulp(1.0);
    /** Enough for the power series at x = 0.95, its slowest case (about 750 terms). */
    private static final int MAX_ITERATIONS = 2000;
    private static final int CF_ITERATIONS = 300;

    private final EmitContext ctx;
    private final Dialect d;
    private final String hint;

    private Betainc(EmitContext ctx) {
        this.ctx = ctx;
        this.d = ctx.dialect();
        this.hint = ctx.node().output().name();
    }

    static void emit(EmitContext ctx) {
        new Betainc(ctx).write();
    }

    private void write() {
        String f64 = d.dtype(DType.F64);
        List<String> in = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String x = ctx.operand(i);
            in.add(ctx.operandType(i).dtype() == DType.F64 ? x : d.method(x, "to", f64));
        }
        String all = ctx.temp(hint + "_abx", d == Dialect.EAGER ? "torch.broadcast_tensors(" + String.join(", ", in) + ")"
                : "torch.broadcast_tensors([" + String.join(", ", in) + "])");
        String a = let("a", all + "[0]");
        String b = let("b", all + "[1]");
        String x = let("x", all + "[2]");
        String one = let("one", "torch.ones_like(" + a + ")");
        String zero = let("zero", "torch.zeros_like(" + a + ")");
        // NaN fails every comparison, so NaN operands land here too.
        String bad = let("bad", not(and(and(gt(a, "0.0"), gt(b, "0.0")), and(ge(x, "0.0"), le(x, "1.0")))));
        String edge = let("edge", or(bad, or(eq(x, "0.0"), eq(x, "1.0"))));
        String direct = let("direct", and(le(mul(b, x), "1.0"), le(x, "0.95")));
        String rev = let("rev", and(gt(x, div(a, add(a, b))), not(direct)));
        String aa = let("aa", where(rev, b, a));
        String bb = let("bb", where(rev, a, b));
        String xx = let("xx", where(rev, oneMinus(x), x));
        String xc = let("xc", where(rev, x, oneMinus(x)));
        String series = let("series", or(direct, and(rev, and(le(mul(bb, xx), "1.0"), le(xx, "0.95")))));
        String small = let("small", lt(sub(mul(xx, sub(add(aa, bb), "2.0")), sub(aa, "1.0")), "0.0"));

        // Continued fraction (incbcf where small, incbd otherwise): coefficients k1..k8 and the convergents.
        String k1 = let("k1", aa);
        String k2 = let("k2", where(small, add(aa, bb), sub(bb, "1.0")));
        String k3 = let("k3", aa);
        String k4 = let("k4", add(aa, "1.0"));
        String k5 = let("k5", one);
        String k6 = let("k6", where(small, sub(bb, "1.0"), add(aa, bb)));
        String k7 = let("k7", add(aa, "1.0"));
        String k8 = let("k8", add(aa, "2.0"));
        String step = let("step", where(small, one, neg(one)));
        String z = let("z", where(small, xx, div(xx, xc)));
        String pkm2 = let("pkm2", zero);
        String qkm2 = let("qkm2", one);
        String pkm1 = let("pkm1", one);
        String qkm1 = let("qkm1", one);
        String ans = let("ans", one);
        String cfDone = let("cf_done", or(edge, series));

        // Power series (incbps): terms t / (aa + n), sum s.
        String u0 = let("u", mul(oneMinus(bb), xx));
        String v = let("v", div(u0, add(aa, "1.0")));
        String t1 = let("t1", v);
        String t = let("t", u0);
        String n = let("n", "torch.full_like(" + aa + ", 2.0)");
        String s = let("s", zero);
        String tiny = let("tiny", mul("torch.reciprocal(" + aa + ")", lit(MACHEP)));
        String sDone = let("s_done", or(or(edge, not(series)), le(abs(v), tiny)));

        String it = ctx.freshName("it");
        List<String> body = new ArrayList<>();
        body.add("if bool(torch.all(" + strip(and(cfDone, sDone)) + ")):");
        body.add("    break");
        String tNew = ctx.freshName(hint + "_t_next");
        String vNew = ctx.freshName(hint + "_v_next");
        set(body, tNew, mul(t, div(mul(sub(n, bb), xx), n)));
        set(body, vNew, div(tNew, add(aa, n)));
        set(body, t, where(sDone, t, tNew));
        set(body, v, where(sDone, v, vNew));
        set(body, s, where(sDone, s, add(s, vNew)));
        set(body, n, where(sDone, n, add(n, "1.0")));
        set(body, sDone, or(sDone, le(abs(v), tiny)));

        String xk = ctx.freshName(hint + "_xk");
        String pk = ctx.freshName(hint + "_pk");
        String qk = ctx.freshName(hint + "_qk");
        set(body, xk, div(neg(mul(mul(z, k1), k2)), mul(k3, k4)));
        convergent(body, xk, pk, qk, pkm1, pkm2, qkm1, qkm2);
        set(body, xk, div(mul(mul(z, k5), k6), mul(k7, k8)));
        convergent(body, xk, pk, qk, pkm1, pkm2, qkm1, qkm2);
        String nz = ctx.freshName(hint + "_nz");
        String r = ctx.freshName(hint + "_r");
        String conv = ctx.freshName(hint + "_conv");
        set(body, nz, ne(qk, "0.0"));
        set(body, r, where(nz, div(pk, qk), ans));
        set(body, conv, and(nz, lt(abs(sub(ans, r)), mul(abs(r), lit(3 * MACHEP)))));
        set(body, ans, where(cfDone, ans, r));
        set(body, cfDone, or(cfDone, conv));
        set(body, k1, add(k1, "1.0"));
        set(body, k2, add(k2, step));
        set(body, k3, add(k3, "2.0"));
        set(body, k4, add(k4, "2.0"));
        set(body, k5, add(k5, "1.0"));
        set(body, k6, sub(k6, step));
        set(body, k7, add(k7, "2.0"));
        set(body, k8, add(k8, "2.0"));
        String scale = ctx.freshName(hint + "_scale");
        set(body, scale, where(gt(add(abs(qk), abs(pk)), lit(BIG)), mul(one, lit(BIGINV)), one));
        set(body, scale, where(or(lt(abs(qk), lit(BIGINV)), lt(abs(pk), lit(BIGINV))), mul(scale, lit(BIG)), scale));
        for (String p : List.of(pkm2, pkm1, qkm2, qkm1)) set(body, p, mul(p, scale));
        body.add("if " + it + " == " + (CF_ITERATIONS - 1) + ":");
        body.add("    " + cfDone + " = torch.ones_like(" + cfDone + ")");
        ctx.block("for " + it + " in range(" + MAX_ITERATIONS + "):", body);

        String lbeta = let("lbeta", sub(sub(lgamma(add(aa, bb)), lgamma(aa)), lgamma(bb)));
        String viaSeries = let("ps", exp(add(add(lbeta, mul(aa, log(xx))),
                log(add(add(s, t1), "torch.reciprocal(" + aa + ")")))));
        String w = let("w", where(small, ans, div(ans, xc)));
        String viaCf = let("cf", exp(add(add(add(mul(aa, log(xx)), mul(bb, log(xc))), lbeta), log(div(w, aa)))));
        String val = let("val", where(series, viaSeries, viaCf));
        // Like Cephes, a reflected result stays below 1 by at least machep.
        String reflected = where(le(val, lit(MACHEP)), mul(one, lit(1 - MACHEP)), oneMinus(val));
        String y = let("y", where(rev, reflected, val));
        String nan = "torch.full_like(" + a + ", float(\"nan\"))";
        String res = where(bad, nan, where(eq(x, "0.0"), zero, where(eq(x, "1.0"), one, y)));
        DType out = ctx.resultType().dtype();
        ctx.result(out == DType.F64 ? strip(res) : d.method(res, "to", d.dtype(out)));
    }

    private void convergent(List<String> body, String xk, String pk, String qk, String pkm1, String pkm2,
            String qkm1, String qkm2) {
        set(body, pk, add(pkm1, mul(pkm2, xk)));
        set(body, qk, add(qkm1, mul(qkm2, xk)));
        set(body, pkm2, pkm1);
        set(body, pkm1, pk);
        set(body, qkm2, qkm1);
        set(body, qkm1, qk);
    }

    private String let(String name, String expr) { return ctx.temp(hint + "_" + name, strip(expr)); }

    private static void set(List<String> body, String name, String expr) { body.add(name + " = " + strip(expr)); }

    /** Drops parentheses around a whole expression, which only operators in model.py add. */
    private static String strip(String e) {
        if (!e.startsWith("(") || !e.endsWith(")")) return e;
        int depth = 0;
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0 && i < e.length() - 1) return e;
        }
        return e.substring(1, e.length() - 1);
    }

    private static String lit(double v) { return PyLiterals.floating(v, DType.F64); }

    private String op(String operator, String aten, String a, String b) {
        return d == Dialect.EAGER ? "(" + a + " " + operator + " " + b + ")" : "torch." + aten + "(" + a + ", " + b + ")";
    }

    private String add(String a, String b) { return op("+", "add", a, b); }
    private String sub(String a, String b) { return op("-", "sub", a, b); }
    private String mul(String a, String b) { return op("*", "mul", a, b); }
    private String div(String a, String b) { return op("/", "div", a, b); }
    private String lt(String a, String b) { return op("<", "lt", a, b); }
    private String le(String a, String b) { return op("<=", "le", a, b); }
    private String gt(String a, String b) { return op(">", "gt", a, b); }
    private String ge(String a, String b) { return op(">=", "ge", a, b); }
    private String eq(String a, String b) { return op("==", "eq", a, b); }
    private String ne(String a, String b) { return op("!=", "ne", a, b); }
    private String and(String a, String b) { return op("&", "logical_and", a, b); }
    private String or(String a, String b) { return op("|", "logical_or", a, b); }
    private String not(String a) { return d == Dialect.EAGER ? "(~" + a + ")" : "torch.logical_not(" + a + ")"; }
    private String neg(String a) { return d == Dialect.EAGER ? "(-" + a + ")" : "torch.neg(" + a + ")"; }
    private String oneMinus(String a) { return d == Dialect.EAGER ? "(1.0 - " + a + ")" : "torch.rsub(" + a + ", 1.0)"; }
    private String where(String c, String a, String b) { return "torch.where(" + strip(c) + ", " + strip(a) + ", " + strip(b) + ")"; }
    private static String abs(String a) { return "torch.abs(" + strip(a) + ")"; }
    private static String exp(String a) { return "torch.exp(" + strip(a) + ")"; }
    private static String log(String a) { return "torch.log(" + strip(a) + ")"; }
    private static String lgamma(String a) { return "torch.lgamma(" + strip(a) + ")"; }
}
