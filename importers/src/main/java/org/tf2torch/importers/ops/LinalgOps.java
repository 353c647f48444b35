package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/**
 * Matrix functions over the last two axes (determinants, inverses, solves, factorizations, SVD) and the special
 * functions of two or three tensors (incomplete gamma and beta, Hurwitz zeta, polygamma).
 */
final class LinalgOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("MatrixDeterminant", Translator.single(c -> c.add(Op.MATRIX_DETERMINANT, real(c, 0))),
                Op.MATRIX_DETERMINANT);
        // TF's outputs are (sign, log_abs_determinant), the IR's order.
        r.add("LogMatrixDeterminant", c -> multi(c, Op.SLOGDET, List.of(real(c, 0)), Map.of()), Op.SLOGDET);
        r.add("MatrixInverse", Translator.single(c -> c.add(Op.MATRIX_INVERSE, List.of(real(c, 0)),
                Map.of("adjoint", c.attrBool("adjoint", false)))), Op.MATRIX_INVERSE);
        r.add("MatrixSolve", Translator.single(c -> c.add(Op.MATRIX_SOLVE, List.of(real(c, 0), real(c, 1)),
                Map.of("adjoint", c.attrBool("adjoint", false)))), Op.MATRIX_SOLVE);
        r.add("MatrixTriangularSolve", Translator.single(c -> c.add(Op.TRIANGULAR_SOLVE,
                List.of(real(c, 0), real(c, 1)),
                Map.of("lower", c.attrBool("lower", true), "adjoint", c.attrBool("adjoint", false)))),
                Op.TRIANGULAR_SOLVE);
        r.add("Cholesky", Translator.single(c -> c.add(Op.CHOLESKY, real(c, 0))), Op.CHOLESKY);
        r.add("Lu", LinalgOps::lu, Op.LU, Op.CAST);
        r.add("Svd", LinalgOps::svd, Op.SVD, Op.SINGULAR_VALUES);

        special(r, "Igamma", Op.IGAMMA, 2);
        special(r, "Igammac", Op.IGAMMAC, 2);
        special(r, "Zeta", Op.ZETA, 2);
        special(r, "Polygamma", Op.POLYGAMMA, 2);
        special(r, "Betainc", Op.BETAINC, 3);
    }

    /** Packed LU and the row permutation, which TF gives as {@code output_idx_type} (int32 by default). */
    private static List<Value> lu(OpContext c) {
        List<Value> out = multi(c, Op.LU, List.of(real(c, 0)), Map.of());
        DType idx = c.hasAttr("output_idx_type") ? c.attrType("output_idx_type") : DType.I32;
        if (idx != DType.I32 && idx != DType.I64) {
            throw new TranslationException("Lu with output_idx_type " + idx + "; TF allows only int32 and int64");
        }
        Value perm = idx == DType.I64 ? out.get(1) : c.add(Op.CAST, List.of(out.get(1)), Map.of("to", idx));
        return List.of(out.get(0), perm);
    }

    /**
     * TF's outputs are (s, u, v). Without compute_uv TF leaves u and v undefined, so only s is produced and a
     * reader of u or v is reported as unsupported.
     */
    private static List<Value> svd(OpContext c) {
        Value x = real(c, 0);
        if (!c.attrBool("compute_uv", true)) return List.of(c.add(Op.SINGULAR_VALUES, x));
        return multi(c, Op.SVD, List.of(x), Map.of("full_matrices", c.attrBool("full_matrices", false)));
    }

    private static void special(OpRegistry r, String tfOp, Op op, int arity) {
        r.add(tfOp, Translator.single(c -> {
            Value[] in = new Value[arity];
            for (int i = 0; i < arity; i++) {
                in[i] = real(c, i);
                if (in[i].dtype() != in[0].dtype()) {
                    throw new TranslationException(tfOp + " operands differ in dtype (" + in[0].dtype() + ", "
                            + in[i].dtype() + "); TF requires one dtype");
                }
            }
            return c.add(op, in);
        }), op);
    }

    private static List<Value> multi(OpContext c, Op op, List<Value> in, Map<String, ?> attrs) {
        return c.graph().add(op, in, attrs, c.source(), c.name()).outputs();
    }

    /** Input {@code i}, which must be real floating point: complex matrices have no IR dtype. */
    private static Value real(OpContext c, int i) {
        Value v = c.input(i);
        if (!v.dtype().isFloating()) {
            throw new TranslationException(c.op() + " of " + v.dtype() + " values is not supported (real float types only)");
        }
        return v;
    }
}
