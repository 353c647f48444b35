package org.tf2torch.ir;

import java.util.List;
import java.util.Set;

/**
 * Result types of the ops whose sizes depend on the data (null: not one of them). A size that only the run
 * can tell is an unknown dim ({@code ?}); everything downstream keeps it unknown rather than guessing.
 */
final class DynamicShapes {
    private static final Set<String> REDUCTIONS = Set.of("none", "add", "mul", "max", "min");

    private DynamicShapes() {}

    static List<TensorType> infer(Node n) {
        List<Value> in = n.inputs();
        switch (n.op()) {
            case NON_ZERO: {
                Shape s = in.get(0).shape();
                Dim rank = s.hasRank() ? Dim.of(s.rank()) : Dim.unknown();
                return List.of(new TensorType(DType.I64, Shape.of(List.of(rank, Dim.unknown()))));
            }
            case UNIQUE: {
                TensorType x = in.get(0).type();
                Shape any = Shape.of(-1);
                Shape all = x.shape().isStatic() ? Shape.of(x.shape().numElements()) : any;
                return List.of(x.withShape(any), new TensorType(DType.I64, any), new TensorType(DType.I64, all),
                        new TensorType(DType.I64, any));
            }
            case SCATTER_ND: return List.of(scatterNd(n, in.get(0).type(), in.get(1).type(), in.get(2).type()));
            default:
                return null;
        }
    }

    private static TensorType scatterNd(Node n, TensorType data, TensorType idx, TensorType upd) {
        String reduction = n.attrs().s("reduction");
        if (!REDUCTIONS.contains(reduction)) {
            throw new IllegalArgumentException("scatter_nd reduction must be one of " + REDUCTIONS + ", got " + reduction);
        }
        if (idx.dtype() != DType.I64 && idx.dtype() != DType.I32) {
            throw new IllegalArgumentException("scatter_nd indices must be i32 or i64, got " + idx.dtype());
        }
        if (upd.dtype() != data.dtype()) {
            throw new IllegalArgumentException("scatter_nd updates " + upd + " differ in dtype from data " + data);
        }
        Shape is = idx.shape();
        if (!is.hasRank() || is.rank() == 0 || !is.dim(-1).isStatic()) {
            throw new IllegalArgumentException("scatter_nd needs indices of known rank with a static last dim, got " + is);
        }
        Shape ds = data.shape();
        if (ds.hasRank() && is.dim(-1).size() > ds.rank()) {
            throw new IllegalArgumentException("scatter_nd index depth " + is.dim(-1) + " exceeds the rank of " + ds);
        }
        return data;
    }
}
