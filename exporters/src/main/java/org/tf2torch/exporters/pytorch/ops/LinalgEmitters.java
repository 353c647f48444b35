package org.tf2torch.exporters.pytorch.ops;

import org.tf2torch.ir.Attrs;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;

/**
 * Determinants, inverses, solves, Cholesky, LU and SVD with {@code torch.linalg} (aten {@code linalg_*} in the
 * archive). PyTorch's CPU kernels take float32 and float64 only, so half-precision operands are computed in
 * float32 and the results cast back.
 */
final class LinalgEmitters {
    private LinalgEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.MATRIX_DETERMINANT, ctx -> ctx.result(down(ctx, linalg(ctx.dialect(), "det") + "(" + up(ctx, 0) + ")")));
        r.add(Op.SLOGDET, ctx -> pair(ctx, linalg(ctx.dialect(), "slogdet") + "(" + up(ctx, 0) + ")"));
        r.add(Op.MATRIX_INVERSE, ctx -> ctx.result(down(ctx, linalg(ctx.dialect(), "inv") + "("
                + adjointIf(ctx, up(ctx, 0), ctx.node().attrs().b("adjoint")) + ")")));
        r.add(Op.MATRIX_SOLVE, LinalgEmitters::solve);
        r.add(Op.TRIANGULAR_SOLVE, LinalgEmitters::triangularSolve);
        r.add(Op.CHOLESKY, LinalgEmitters::cholesky);
        r.add(Op.LU, LinalgEmitters::lu);
        r.add(Op.SVD, LinalgEmitters::svd);
        r.add(Op.SINGULAR_VALUES, ctx -> ctx.result(down(ctx, linalg(ctx.dialect(), "svdvals") + "(" + up(ctx, 0) + ")")));
    }

    /** {@code torch.linalg.<fn>} in model.py; the archive names the aten op {@code torch.linalg_<fn>}. */
    static String linalg(Dialect d, String fn) {
        return d == Dialect.EAGER ? "torch.linalg." + fn : "torch.linalg_" + fn;
    }

    static boolean half(DType t) { return t == DType.F16 || t == DType.BF16; }

    /** Operand {@code i}, in float32 when it is a half type. */
    static String up(EmitContext ctx, int i) {
        String x = ctx.operand(i);
        if (!half(ctx.operandType(i).dtype())) return x;
        return ctx.temp(ctx.node().output().name() + "_f32", ctx.dialect().method(x, "to", ctx.dialect().dtype(DType.F32)));
    }

    /** {@code expr} cast back to the result dtype when the operands were widened. */
    static String down(EmitContext ctx, String expr) {
        DType t = ctx.resultType().dtype();
        return half(t) ? ctx.dialect().method(expr, "to", ctx.dialect().dtype(t)) : expr;
    }

    private static String adjointIf(EmitContext ctx, String x, boolean adjoint) {
        return adjoint ? ctx.dialect().method(x, "transpose", "-2", "-1") : x;
    }

    /** Two results from a call that returns a pair, each cast back when needed. */
    private static void pair(EmitContext ctx, String call) {
        if (!half(ctx.resultType().dtype())) {
            ctx.results(call);
            return;
        }
        String t = ctx.temp(ctx.node().output().name() + "_pair", call);
        ctx.results(down(ctx, t + "[0]") + ", " + down(ctx, t + "[1]"));
    }

    /**
     * torch.linalg.solve reads B as a batch of vectors when B has one axis less than A and matches A's leading
     * shape; the IR's B is always a batch of matrices, so a lower-rank B gets leading axes of size 1 first.
     */
    private static void solve(EmitContext ctx) {
        String a = adjointIf(ctx, up(ctx, 0), ctx.node().attrs().b("adjoint"));
        String b = up(ctx, 1);
        Shape sa = ctx.operandType(0).shape();
        Shape sb = ctx.operandType(1).shape();
        if (!sa.hasRank() || !sb.hasRank()) {
            throw new UnsupportedOperationException("matrix_solve needs operands of known rank");
        }
        for (int i = sb.rank(); i < sa.rank(); i++) b = ctx.dialect().method(b, "unsqueeze", "0");
        ctx.result(down(ctx, linalg(ctx.dialect(), "solve") + "(" + a + ", " + b + ")"));
    }

    /**
     * solve_triangular reads only the named triangle of its matrix, as TF does. The adjoint of a lower
     * triangle is an upper one, so the transposed matrix is solved with the other flag.
     */
    private static void triangularSolve(EmitContext ctx) {
        Attrs a = ctx.node().attrs();
        boolean adjoint = a.b("adjoint");
        boolean upper = adjoint == a.b("lower");
        Call c = ctx.dialect().call(linalg(ctx.dialect(), "solve_triangular"))
                .arg(adjointIf(ctx, up(ctx, 0), adjoint)).arg(up(ctx, 1)).kwOnly("upper", PyLiterals.bool(upper));
        ctx.result(down(ctx, c.render()));
    }

    /**
     * TF reads only the lower triangle; the input is rebuilt from it (mirrored) so that no backend's choice of
     * triangle can make a non-symmetric input factor differently.
     */
    private static void cholesky(EmitContext ctx) {
        Dialect d = ctx.dialect();
        String x = up(ctx, 0);
        String hint = ctx.node().output().name();
        String lower = ctx.temp(hint + "_lower", d.call("torch.tril").arg(x).render());
        String strict = d.method(d.call("torch.tril").arg(x).arg("-1").render(), "transpose", "-2", "-1");
        String sym = ctx.temp(hint + "_sym", d.binary("+", "add", lower, ctx.temp(hint + "_upper", strict)));
        ctx.result(down(ctx, linalg(d, "cholesky") + "(" + sym + ")"));
    }

    /**
     * lu_factor gives LAPACK's pivots (row i was swapped with row pivots[i] - 1, in order); lu_unpack turns them
     * into P with A = P L U, so row j of L U is row perm[j] of A where P[perm[j], j] = 1. That row number is
     * {@code arange(M) @ P}, exact in P's float dtype, and also defined for empty matrices (argmax is not).
     */
    private static void lu(EmitContext ctx) {
        Dialect d = ctx.dialect();
        String hint = ctx.node().output().name();
        String x = up(ctx, 0);
        String f = ctx.temp(hint + "_factor", linalg(d, "lu_factor") + "(" + x + ")");
        String p = ctx.temp(hint + "_p", d.call("torch.lu_unpack").arg(f + "[0]").arg(f + "[1]")
                .opt("unpack_data", "False", "True").render() + "[0]");
        DType work = half(ctx.operandType(0).dtype()) ? DType.F32 : ctx.operandType(0).dtype();
        String rows = d.call("torch.arange").arg(d.method(x, "size", "-1")).kwOnly("dtype", d.dtype(work)).render();
        String perm = d.method(d.call("torch.matmul").arg(rows).arg(p).render(), "to", d.dtype(DType.I64));
        ctx.results(down(ctx, f + "[0]") + ", " + perm);
    }

    /** torch returns (U, S, V^H); TF's order is (s, u, v). */
    private static void svd(EmitContext ctx) {
        Dialect d = ctx.dialect();
        String usv = ctx.temp(ctx.node().output().name() + "_usv", d.call(linalg(d, "svd")).arg(up(ctx, 0))
                .opt("full_matrices", PyLiterals.bool(ctx.node().attrs().b("full_matrices")), "True").render());
        String v = d.method(usv + "[2]", "transpose", "-2", "-1");
        ctx.results(down(ctx, usv + "[1]") + ", " + down(ctx, usv + "[0]") + ", " + down(ctx, v));
    }
}
