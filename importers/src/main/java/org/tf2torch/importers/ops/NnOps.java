package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/** Activations, softmax, dense algebra (MatMul, BiasAdd) and batch normalisation. */
final class NnOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("Relu", Translator.single(c -> c.add(Op.RELU, c.input(0))), Op.RELU);
        r.add("Relu6", Translator.single(c -> c.add(Op.CLIP, List.of(c.input(0)), Map.of("min", 0.0, "max", 6.0))),
                Op.CLIP);
        r.add("Elu", Translator.single(c -> c.add(Op.ELU, c.input(0))), Op.ELU);
        r.add("Selu", Translator.single(c -> c.add(Op.SELU, c.input(0))), Op.SELU);
        r.add("Softmax", Translator.single(c -> c.add(Op.SOFTMAX, List.of(c.input(0)), Map.of("axis", -1L))),
                Op.SOFTMAX);
        r.add("LogSoftmax", Translator.single(c -> c.add(Op.LOG_SOFTMAX, List.of(c.input(0)), Map.of("axis", -1L))),
                Op.LOG_SOFTMAX);
        r.add("MatMul", Translator.single(NnOps::matMul), Op.MATMUL, Op.TRANSPOSE);
        r.add("BatchMatMul", Translator.single(NnOps::batchMatMul), Op.MATMUL, Op.TRANSPOSE);
        r.add("BatchMatMulV2", Translator.single(NnOps::batchMatMul), Op.MATMUL, Op.TRANSPOSE);
        r.add("BatchMatMulV3", Translator.single(NnOps::batchMatMul), Op.MATMUL, Op.TRANSPOSE);
        r.add("BiasAdd", Translator.single(NnOps::biasAdd), Op.ADD, Op.RESHAPE);
        r.add("BiasAddV1", Translator.single(NnOps::biasAdd), Op.ADD);
        for (String bn : List.of("FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3")) {
            r.add(bn, NnOps::fusedBatchNorm, Op.BATCH_NORMALIZATION, Op.TRANSPOSE, Op.LAYER_NORMALIZATION);
        }
        new ConvOps().register(r);
    }

    private static Value matMul(OpContext c) {
        Value a = c.attrBool("transpose_a", false) ? swapLast(c, c.input(0)) : c.input(0);
        Value b = c.attrBool("transpose_b", false) ? swapLast(c, c.input(1)) : c.input(1);
        return c.add(Op.MATMUL, a, b);
    }

    private static Value batchMatMul(OpContext c) {
        Value a = c.attrBool("adj_x", false) ? swapLast(c, c.input(0)) : c.input(0);
        Value b = c.attrBool("adj_y", false) ? swapLast(c, c.input(1)) : c.input(1);
        return c.add(Op.MATMUL, a, b);
    }

    static Value swapLast(OpContext c, Value x) {
        int r = Layout.rank(x);
        long[] perm = new long[r];
        for (int i = 0; i < r; i++) perm[i] = i;
        perm[r - 2] = r - 1;
        perm[r - 1] = r - 2;
        return c.add(Op.TRANSPOSE, List.of(x), Map.of("perm", perm));
    }

    private static Value biasAdd(OpContext c) {
        Value x = c.input(0);
        Value b = c.input(1);
        if (Layout.channelsLast(c)) return c.add(Op.ADD, x, b);
        int r = Layout.rank(x);
        long[] shape = new long[r - 1];
        java.util.Arrays.fill(shape, 1);
        shape[0] = -1;
        return c.add(Op.ADD, x, c.add(Op.RESHAPE, b, c.i64(shape)));
    }

    private static List<Value> fusedBatchNorm(OpContext c) {
        boolean last = Layout.channelsLast(c);
        if (c.attrBool("is_training", true)) return BatchNormTraining.translate(c, last);
        Value x = last ? Layout.toFirst(c, c.input(0)) : c.input(0);
        Value y = c.add(Op.BATCH_NORMALIZATION, List.of(x, c.input(1), c.input(2), c.input(3), c.input(4)),
                Map.of("epsilon", (double) c.attrFloat("epsilon", 1e-4f)));
        if (last) y = Layout.toLast(c, y);
        // In inference mode TF's batch_mean/batch_variance outputs are the moving statistics passed in.
        return List.of(y, c.input(3), c.input(4));
    }
}
