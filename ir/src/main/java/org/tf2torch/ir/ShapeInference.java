package org.tf2torch.ir;

import java.util.ArrayList;
import java.util.List;

/** Result types of each op from its operand types and attributes (ONNX rules). */
public final class ShapeInference {
    private ShapeInference() {}

    public static List<TensorType> infer(Node n) {
        List<TensorType> dynamic = DynamicShapes.infer(n);
        if (dynamic != null) return dynamic;
        if (n.op() == Op.LOOP) return Loops.resultTypes(n);
        if (n.op() == Op.EINSUM) return List.of(einsum(n));
        if (n.op() == Op.LSTM || n.op() == Op.GRU) return RnnShapes.infer(n);
        List<TensorType> more = MoreShapes.infer(n);
        if (more == null) more = LinalgShapes.infer(n);
        return more != null ? more : List.of(inferOne(n));
    }

    private static TensorType inferOne(Node n) {
        Attrs a = n.attrs();
        List<Value> in = n.inputs();
        switch (n.op()) {
            case CONSTANT: return a.tensor("value").type();
            case PARAM: throw new IllegalStateException("parameter types come from the parameter table");
            case SHAPE: {
                Shape s = in.get(0).shape();
                return new TensorType(DType.I64, s.hasRank() ? Shape.of(s.rank()) : Shape.of(-1));
            }
            case CAST: return in.get(0).type().withDType(a.dtype("to"));
            case MATMUL: return matmul(in.get(0).type(), in.get(1).type());
            case CONV:
                return Spatial.conv(in.get(0).type(), in.get(1).type(), in.size() > 2 ? in.get(2).type() : null, a);
            case MAX_POOL: case AVERAGE_POOL: return Spatial.pool(in.get(0).type(), a);
            case RESHAPE: return Reshapes.reshape(in.get(0).type(), in.get(1));
            case EXPAND: return Reshapes.expand(in.get(0).type(), in.get(1));
            case TRANSPOSE: return Reshapes.transpose(in.get(0).type(), a.intArray("perm"));
            case CONCAT: return Reshapes.concat(in, (int) a.i("axis"));
            case SQUEEZE: return Reshapes.squeeze(in.get(0).type(), a.ints("axes"));
            case UNSQUEEZE: return Reshapes.unsqueeze(in.get(0).type(), a.ints("axes"));
            case SLICE: return Reshapes.slice(in.get(0).type(), a);
            case PAD: return Reshapes.pad(in.get(0).type(), a.ints("pads"));
            case REDUCE_MEAN: case REDUCE_SUM: case REDUCE_MAX:
                return Reshapes.reduce(in.get(0).type(), a.ints("axes"), a.b("keepdims"));
            default:
                if (n.op().isElementwiseBinary()) {
                    return new TensorType(in.get(0).dtype(), broadcast(in.get(0).shape(), in.get(1).shape()));
                }
                // Unary element-wise ops, softmax, batch norm and identity keep the first operand's type.
                return in.get(0).type();
        }
    }

    private static TensorType einsum(Node n) {
        List<TensorType> types = new ArrayList<>();
        for (Value v : n.inputs()) types.add(v.type());
        return Einsums.resultType(Einsums.parse(n.attrs().s("equation"), types.size()), types);
    }

    /** NumPy broadcasting; a dim that is 1 on one side takes the other's, even when symbolic. */
    public static Shape broadcast(Shape x, Shape y) {
        if (!x.hasRank() || !y.hasRank()) return Shape.unknownRank();
        int r = Math.max(x.rank(), y.rank());
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            int ix = i - (r - x.rank());
            int iy = i - (r - y.rank());
            Dim dx = ix >= 0 ? x.dim(ix) : Dim.of(1);
            Dim dy = iy >= 0 ? y.dim(iy) : Dim.of(1);
            if (dx.isStatic() && dx.size() == 1) out.add(dy);
            else if (dy.isStatic() && dy.size() == 1) out.add(dx);
            else if (dx.equals(dy)) out.add(dx);
            else if (dx.isStatic() && dy.isStatic()) {
                throw new IllegalArgumentException("shapes " + x + " and " + y + " do not broadcast");
            } else out.add(dx.isStatic() ? dx : dy.isStatic() ? dy : dx.isSymbolic() ? dx : dy);
        }
        return Shape.of(out);
    }

    private static TensorType matmul(TensorType a, TensorType b) {
        Shape x = a.shape();
        Shape y = b.shape();
        if (!x.hasRank() || !y.hasRank()) return a.withShape(Shape.unknownRank());
        if (x.rank() < 2 || y.rank() < 2) {
            throw new IllegalArgumentException("matmul needs rank >= 2 operands, got " + x + " and " + y);
        }
        Dim k1 = x.dim(-1);
        Dim k2 = y.dim(-2);
        if (k1.isStatic() && k2.isStatic() && k1.size() != k2.size()) {
            throw new IllegalArgumentException("matmul inner dimensions differ: " + x + " @ " + y);
        }
        Shape bx = Shape.of(x.dims().subList(0, x.rank() - 2));
        Shape by = Shape.of(y.dims().subList(0, y.rank() - 2));
        List<Dim> out = new ArrayList<>(broadcast(bx, by).dims());
        out.add(x.dim(-2));
        out.add(y.dim(-1));
        return a.withShape(Shape.of(out));
    }
}
