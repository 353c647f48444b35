package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Value;

/**
 * FusedBatchNorm with {@code is_training=true}: normalization by the batch's own statistics, as TF's CPU kernel
 * computes it. Statistics are taken in the parameter type U (float32 for half inputs) over every axis but the
 * channel one: mean = sum * (1/n), variance = sum((x - mean)^2) * (1/n), y = (x - mean) * rsqrt(variance + eps) *
 * scale + offset, cast back to x's type. The op itself updates no state: its batch_mean output is the batch mean
 * and batch_variance the variance with Bessel's correction n/(n-1), each blended with the mean/variance inputs
 * when {@code exponential_avg_factor} is not 1; reserve_space_1/2 are the mean and the uncorrected variance.
 */
final class BatchNormTraining {
    private BatchNormTraining() {}

    static List<Value> translate(OpContext c, boolean channelsLast) {
        Value x = c.input(0);
        Value scale = c.input(1);
        Value offset = c.input(2);
        int rank = Layout.rank(x);
        int ch = channelsLast ? rank - 1 : 1;
        DType u = scale.dtype();
        if (!u.isFloating()) throw new TranslationException("scale must be floating-point, got " + u);
        long[] axes = new long[rank - 1];
        for (int i = 0, k = 0; i < rank; i++) if (i != ch) axes[k++] = i;
        Value xu = x.dtype() == u ? x : c.add(Op.CAST, List.of(x), Map.of("to", u));
        Value count = count(c, x, axes, u);
        Value inv = c.add(Op.RECIPROCAL, count);
        Map<String, Object> keep = Map.of("axes", axes, "keepdims", true);
        Value mean = c.add(Op.MUL, c.add(Op.REDUCE_SUM, List.of(xu), keep), inv);
        Value centered = c.add(Op.SUB, xu, mean);
        Value var = c.add(Op.MUL, c.add(Op.REDUCE_SUM, List.of(c.add(Op.MUL, centered, centered)), keep), inv);
        double eps = c.attrFloat("epsilon", 1e-4f);
        Value rstd = c.add(Op.RECIPROCAL, c.add(Op.SQRT, c.add(Op.ADD, var, c.scalar(u, (float) eps))));
        Value factor = c.add(Op.MUL, rstd, perChannel(c, scale, rank, ch));
        Value y = c.add(Op.ADD, c.add(Op.MUL, centered, factor), perChannel(c, offset, rank, ch));
        Value ln = TrainingLayerNorm.of(c, xu, scale, offset, ch, (float) eps);
        if (ln != null) y = ln;
        if (y.dtype() != x.dtype()) y = c.add(Op.CAST, List.of(y), Map.of("to", x.dtype()));
        Value flatMean = c.add(Op.RESHAPE, mean, c.i64(-1));
        Value flatVar = c.add(Op.RESHAPE, var, c.i64(-1));
        // Bessel's correction, computed in U as TF does: n / (n - 1).
        Value adjust = c.add(Op.DIV, count, c.add(Op.SUB, count, c.scalar(u, 1)));
        Value corrected = c.add(Op.MUL, flatVar, adjust);
        double factorAvg = c.attrFloat("exponential_avg_factor", 1f);
        Value meanOut = flatMean;
        Value varOut = corrected;
        if (factorAvg != 1.0) {
            meanOut = blend(c, c.input(3), flatMean, factorAvg, u);
            varOut = blend(c, c.input(4), corrected, factorAvg, u);
        }
        return List.of(y, meanOut, varOut, flatMean, flatVar);
    }

    /** (1 - f) * old + f * batch, TF's running-average update of the outputs. */
    private static Value blend(OpContext c, Value old, Value batch, double f, DType u) {
        Shape s = old.shape();
        if (s.hasRank() && s.rank() == 1 && s.dim(0).isStatic() && s.dim(0).size() == 0) {
            throw new TranslationException("exponential_avg_factor " + f + " needs mean and variance inputs");
        }
        Value a = c.add(Op.MUL, old, c.scalar(u, (float) (1.0 - (float) f)));
        return c.add(Op.ADD, a, c.add(Op.MUL, batch, c.scalar(u, (float) f)));
    }

    /** The element count per channel, in U: a constant when the reduced dims are static. */
    private static Value count(OpContext c, Value x, long[] axes, DType u) {
        Shape s = x.shape();
        long n = 1;
        boolean known = true;
        for (long a : axes) {
            Dim d = s.dim((int) a);
            if (d.isStatic()) n *= d.size();
            else known = false;
        }
        if (known) return c.scalar(u, (float) n);
        Value dims = c.add(Op.GATHER, List.of(c.add(Op.SHAPE, x), c.i64(axes)), Map.of("axis", 0L));
        Value prod = c.add(Op.REDUCE_PROD, List.of(dims), Map.of("axes", new long[] {0}, "keepdims", false));
        return c.add(Op.CAST, List.of(prod), Map.of("to", u));
    }

    /** A [C] vector shaped to broadcast along the channel axis. */
    private static Value perChannel(OpContext c, Value v, int rank, int ch) {
        if (ch == rank - 1) return v;
        long[] shape = new long[rank - ch];
        java.util.Arrays.fill(shape, 1);
        shape[0] = -1;
        return c.add(Op.RESHAPE, v, c.i64(shape));
    }
}
