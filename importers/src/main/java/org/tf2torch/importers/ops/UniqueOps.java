package org.tf2torch.importers.ops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/** Set-like ops on 1-D tensors: Unique, UniqueWithCounts and ListDiff (tf.setdiff1d). */
final class UniqueOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("Unique", c -> unique(c, false), Op.UNIQUE, Op.CAST);
        r.add("UniqueWithCounts", c -> unique(c, true), Op.UNIQUE, Op.CAST);
        r.add("ListDiff", UniqueOps::listDiff, Op.UNSQUEEZE, Op.EQUAL, Op.REDUCE_ANY, Op.NOT, Op.NON_ZERO,
                Op.SQUEEZE, Op.GATHER, Op.CAST);
    }

    /**
     * TF's unique values come in order of first occurrence (a hash map fills them as it meets them), not
     * sorted: unique with sorted=false. Its idx maps every element to its value's position in that order.
     */
    private static List<Value> unique(OpContext c, boolean counts) {
        Value x = c.input(0);
        if (Layout.rank(x) != 1) throw new TranslationException(c.op() + " needs a 1-D input, got " + x.shape());
        List<Value> u = c.graph().add(Op.UNIQUE, List.of(x), Map.of("sorted", false), c.source(), c.name()).outputs();
        DType t = c.hasAttr("out_idx") ? c.attrType("out_idx") : DType.I32;
        Value idx = cast(c, u.get(2), t);
        return counts ? List.of(u.get(0), idx, cast(c, u.get(3), t)) : List.of(u.get(0), idx);
    }

    /**
     * The elements of x that are not in y, in x's order and with x's repeats, and their positions in x. On
     * constant operands (axes lists in tensordot) the result is a constant, so shapes built from it stay
     * static; otherwise every x is compared with every y, which is fine for the small vectors this op sees.
     */
    private static List<Value> listDiff(OpContext c) {
        Value x = c.input(0);
        Value y = c.input(1);
        if (Layout.rank(x) != 1 || Layout.rank(y) != 1) {
            throw new TranslationException("ListDiff needs 1-D inputs, got " + x.shape() + " and " + y.shape());
        }
        DType t = c.hasAttr("out_idx") ? c.attrType("out_idx") : DType.I32;
        Tensor cx = constant(c, 0);
        Tensor cy = constant(c, 1);
        if (cx != null && cy != null && !x.dtype().isFloating()) {
            long[] xs = TensorValues.toLongs(cx);
            Set<Long> drop = new HashSet<>();
            for (long v : TensorValues.toLongs(cy)) drop.add(v);
            List<Long> keep = new ArrayList<>();
            List<Long> at = new ArrayList<>();
            for (int i = 0; i < xs.length; i++) {
                if (drop.contains(xs[i])) continue;
                keep.add(xs[i]);
                at.add((long) i);
            }
            return List.of(c.constant(TensorValues.ofLongs(x.dtype(), Shape.of(keep.size()), unbox(keep))),
                    c.constant(TensorValues.ofLongs(t, Shape.of(at.size()), unbox(at))));
        }
        Value pairs = c.add(Op.EQUAL, c.add(Op.UNSQUEEZE, List.of(x), Map.of("axes", new long[] {1})),
                c.add(Op.UNSQUEEZE, List.of(y), Map.of("axes", new long[] {0})));
        Value found = c.add(Op.REDUCE_ANY, List.of(pairs), Map.of("axes", new long[] {1}, "keepdims", false));
        Value at = PartitionOps.truePositions(c, c.add(Op.NOT, found));
        Value out = c.add(Op.GATHER, List.of(x, at), Map.of("axis", 0L));
        return List.of(out, cast(c, at, t));
    }

    private static Tensor constant(OpContext c, int i) {
        try {
            return c.constInput(i);
        } catch (TranslationException notConstant) {
            return null;
        }
    }

    private static long[] unbox(List<Long> v) { return v.stream().mapToLong(Long::longValue).toArray(); }

    static Value cast(OpContext c, Value v, DType t) {
        return v.dtype() == t ? v : c.add(Op.CAST, List.of(v), Map.of("to", t));
    }
}
