package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * Local response normalization over the last (channel) axis, as TF computes it on the CPU: the windowed sum of
 * squares is a product with a 0/1 band matrix, then x * (bias + alpha * sum)^-beta. TF's alpha multiplies the
 * plain sum (torch's LocalResponseNorm divides alpha by the window size, so it is not used).
 */
final class NormOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("LRN", Translator.single(NormOps::lrn), Op.MUL, Op.MATMUL, Op.ADD, Op.POW, Op.CAST);
    }

    private static Value lrn(OpContext c) {
        Value x = c.input(0);
        Shape s = x.shape();
        if (!s.hasRank() || s.rank() != 4) throw new TranslationException("LRN needs a 4-D NHWC input, got " + s);
        Dim depth = s.dim(3);
        if (!depth.isStatic()) throw new TranslationException("LRN needs a static channel count, got " + s);
        long r = c.attrInt("depth_radius", 5);
        double bias = c.attrFloat("bias", 1f);
        double alpha = c.attrFloat("alpha", 1f);
        double beta = c.attrFloat("beta", 0.5f);
        int n = (int) depth.size();
        DType t = x.dtype();
        // Half-precision matmul is missing from torch's CPU kernels; the sums run in float32.
        Value xf = t == DType.F32 || t == DType.F64 ? x : c.add(Op.CAST, List.of(x), Map.of("to", DType.F32));
        DType ft = xf.dtype();
        double[] band = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) band[i * n + j] = Math.abs(i - j) <= r ? 1 : 0;
        }
        Value sum = c.add(Op.MATMUL, c.add(Op.MUL, xf, xf), c.constant(TensorValues.ofDoubles(ft, Shape.of(n, n), band)));
        Value m = c.add(Op.ADD, c.add(Op.MUL, sum, c.scalar(ft, alpha)), c.scalar(ft, bias));
        Value y = c.add(Op.MUL, xf, c.add(Op.POW, m, c.scalar(ft, -beta)));
        return ft == t ? y : c.add(Op.CAST, List.of(y), Map.of("to", t));
    }
}
