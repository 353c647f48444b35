package org.tf2torch.ir;

import java.util.ArrayList;
import java.util.List;

/** Result types of the linear-algebra and special-function ops (null: not one of them). */
final class LinalgShapes {
    private LinalgShapes() {}

    static List<TensorType> infer(Node n) {
        List<Value> in = n.inputs();
        TensorType x = in.isEmpty() ? null : in.get(0).type();
        switch (n.op()) {
            case MATRIX_DETERMINANT: return List.of(x.withShape(batch(square(x.shape(), n))));
            case SLOGDET: {
                TensorType t = x.withShape(batch(square(x.shape(), n)));
                return List.of(t, t);
            }
            case MATRIX_INVERSE: case CHOLESKY: return List.of(x.withShape(square(x.shape(), n)));
            case MATRIX_SOLVE: case TRIANGULAR_SOLVE: return List.of(solve(x, in.get(1).type(), n));
            case LU: {
                Shape s = square(x.shape(), n);
                Shape perm = s.hasRank() ? Shape.of(s.dims().subList(0, s.rank() - 1)) : s;
                return List.of(x.withShape(s), new TensorType(DType.I64, perm));
            }
            case SVD: return svd(x, n.attrs().b("full_matrices"));
            case SINGULAR_VALUES: return List.of(svd(x, false).get(0));
            case IGAMMA: case IGAMMAC: case ZETA: case POLYGAMMA:
                return List.of(x.withShape(ShapeInference.broadcast(x.shape(), in.get(1).shape())));
            case BETAINC: {
                Shape s = ShapeInference.broadcast(ShapeInference.broadcast(x.shape(), in.get(1).shape()), in.get(2).shape());
                return List.of(x.withShape(s));
            }
            default:
                return null;
        }
    }

    /** The shape itself, after checking it holds square matrices. */
    private static Shape square(Shape s, Node n) {
        if (!s.hasRank()) return s;
        if (s.rank() < 2) throw new IllegalArgumentException(n.op().textName() + " needs matrices (rank >= 2), got " + s);
        Dim r = s.dim(-2);
        Dim c = s.dim(-1);
        if (r.isStatic() && c.isStatic() && r.size() != c.size()) {
            throw new IllegalArgumentException(n.op().textName() + " needs square matrices, got " + s);
        }
        return s;
    }

    private static Shape batch(Shape s) {
        return s.hasRank() ? Shape.of(s.dims().subList(0, s.rank() - 2)) : s;
    }

    /** A [..., M, M] and B [..., M, K] give [broadcast batch, M, K]. */
    private static TensorType solve(TensorType a, TensorType b, Node n) {
        Shape sa = square(a.shape(), n);
        Shape sb = b.shape();
        if (!sa.hasRank() || !sb.hasRank()) return a.withShape(Shape.unknownRank());
        if (sb.rank() < 2) throw new IllegalArgumentException(n.op().textName() + " needs a matrix right-hand side, got " + sb);
        Dim m = sa.dim(-1);
        Dim rows = sb.dim(-2);
        if (m.isStatic() && rows.isStatic() && m.size() != rows.size()) {
            throw new IllegalArgumentException(n.op().textName() + ": " + sa + " and right-hand side " + sb + " differ in rows");
        }
        List<Dim> d = new ArrayList<>(ShapeInference.broadcast(batch(sa), batch(sb)).dims());
        d.add(m.isStatic() ? m : rows);
        d.add(sb.dim(-1));
        return a.withShape(Shape.of(d));
    }

    private static List<TensorType> svd(TensorType x, boolean full) {
        Shape s = x.shape();
        if (!s.hasRank()) return List.of(x, x, x);
        if (s.rank() < 2) throw new IllegalArgumentException("svd needs matrices (rank >= 2), got " + s);
        List<Dim> b = batch(s).dims();
        Dim m = s.dim(-2);
        Dim c = s.dim(-1);
        Dim p = m.isStatic() && c.isStatic() ? Dim.of(Math.min(m.size(), c.size())) : m.equals(c) ? m : Dim.unknown();
        return List.of(x.withShape(with(b, p)), x.withShape(with(b, m, full ? m : p)), x.withShape(with(b, c, full ? c : p)));
    }

    private static Shape with(List<Dim> batch, Dim... tail) {
        List<Dim> d = new ArrayList<>(batch);
        d.addAll(List.of(tail));
        return Shape.of(d);
    }
}
