package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * A training-mode FusedBatchNorm that is a layer normalization: NCHW with a batch of exactly one, so each
 * channel's statistics cover the trailing axes alone. Keras's fused LayerNormalization reshapes its input to
 * [1, rows, features, 1] for exactly this, with scale and offset filled with ones and zeros (its gamma and beta
 * come after); such fills are left out here, as multiplying by 1 and adding 0 changes nothing.
 */
final class TrainingLayerNorm {
    private TrainingLayerNorm() {}

    /** The normalized x (before the cast back to x's type), or null when the batch norm is not one. */
    static Value of(OpContext c, Value xu, Value scale, Value offset, int ch, double eps) {
        Shape s = xu.shape();
        if (ch != 1 || !s.hasRank() || s.rank() < 3 || !s.dim(0).isStatic() || s.dim(0).size() != 1) return null;
        for (int i = 2; i < s.rank(); i++) if (!s.dim(i).isStatic()) return null;
        Value y = c.add(Op.LAYER_NORMALIZATION, List.of(xu), Map.of("axis", 2L, "epsilon", eps));
        if (!filled(scale, 1.0)) y = c.add(Op.MUL, y, perChannel(c, scale, s.rank()));
        if (!filled(offset, 0.0)) y = c.add(Op.ADD, y, perChannel(c, offset, s.rank()));
        return y;
    }

    /** A constant, or a Fill (expand) of a scalar constant, whose every element is {@code v}. */
    private static boolean filled(Value x, double v) {
        Value src = x;
        if (!src.isConstant() && src.producer() != null && src.producer().op() == Op.EXPAND) src = src.producer().input(0);
        if (!src.isConstant()) return false;
        Tensor t = src.constantValue();
        if (!t.dtype().isFloating()) return false;
        for (double e : TensorValues.toDoubles(t)) if (e != v) return false;
        return true;
    }

    private static Value perChannel(OpContext c, Value v, int rank) {
        long[] shape = new long[rank - 1];
        java.util.Arrays.fill(shape, 1);
        shape[0] = -1;
        return c.add(Op.RESHAPE, v, c.i64(shape));
    }
}
