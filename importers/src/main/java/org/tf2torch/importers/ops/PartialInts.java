package org.tf2torch.importers.ops;

import java.util.ArrayList;
import java.util.List;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;
import org.tf2torch.ir.passes.ConstantFolding;

/**
 * The entries of a 1-D integer input that are known at conversion time, the others null. Keras builds shape
 * vectors such as Conv2DTranspose's output_shape as {@code Pack(StridedSlice(Shape(x)), h, w, c)}: only the
 * batch entry is read at run time, and a translator that needs the spatial sizes can still use them.
 */
final class PartialInts {
    private PartialInts() {}

    /** Input {@code i}'s entries (null where computed at run time), or null when not even its length is known. */
    static Long[] of(OpContext c, int i) {
        Value v = ConstantFolding.foldValue(c.graph(), c.input(i));
        List<Long> out = new ArrayList<>();
        return collect(c, v, out) ? out.toArray(new Long[0]) : null;
    }

    private static boolean collect(OpContext c, Value v, List<Long> out) {
        v = ConstantFolding.foldValue(c.graph(), v);
        Shape s = v.shape();
        if (!s.hasRank() || s.rank() > 1 || !v.dtype().isInteger()) return false;
        if (v.isConstant()) {
            for (long x : TensorValues.toLongs(v.constantValue())) out.add(x);
            return true;
        }
        Node p = v.producer();
        if (p != null && p.op() == Op.CONCAT && s.rank() == 1) {
            for (Value part : p.inputs()) if (!collect(c, part, out)) return false;
            return true;
        }
        if (p != null && (p.op() == Op.UNSQUEEZE || p.op() == Op.CAST) && p.input(0).shape().hasRank()
                && p.input(0).shape().rank() <= 1) {
            return collect(c, p.input(0), out);
        }
        if (s.rank() == 0) {
            out.add(null);
            return true;
        }
        if (!s.isStatic()) return false;
        for (long k = 0; k < s.sizes()[0]; k++) out.add(null);
        return true;
    }
}
