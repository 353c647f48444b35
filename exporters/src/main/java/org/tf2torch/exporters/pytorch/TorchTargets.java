package org.tf2torch.exporters.pytorch;

import java.util.EnumMap;
import java.util.Map;
import org.tf2torch.ir.Op;

/**
 * The PyTorch call each IR op is written as in model.py, for {@code tf2torch ops} and docs/ops.md. A test keeps
 * it in step with the emitter registry (every emitted op has an entry).
 */
public final class TorchTargets {
    private static final Map<Op, String> TARGETS = new EnumMap<>(Op.class);

    static {
        put(Op.CONSTANT, "torch.tensor / buffer");
        put(Op.PARAM, "nn.Parameter / buffer");
        put(Op.IDENTITY, "");
        put(Op.ADD, "+");
        put(Op.SUB, "-");
        put(Op.MUL, "*");
        put(Op.DIV, "torch.div");
        put(Op.POW, "torch.pow");
        put(Op.MAX, "torch.maximum");
        put(Op.MIN, "torch.minimum");
        put(Op.NEG, "torch.neg");
        put(Op.ABS, "torch.abs");
        put(Op.EXP, "torch.exp");
        put(Op.LOG, "torch.log");
        put(Op.SQRT, "torch.sqrt");
        put(Op.RECIPROCAL, "torch.reciprocal");
        put(Op.RELU, "torch.relu");
        put(Op.SIGMOID, "torch.sigmoid");
        put(Op.TANH, "torch.tanh");
        put(Op.ELU, "F.elu");
        put(Op.SELU, "torch.selu");
        put(Op.CLIP, "torch.clamp");
        put(Op.SOFTMAX, "torch.softmax");
        put(Op.LOG_SOFTMAX, "torch.log_softmax");
        put(Op.MATMUL, "torch.matmul");
        put(Op.CONV, "F.conv2d (F.pad when asymmetric)");
        put(Op.MAX_POOL, "F.max_pool2d");
        put(Op.AVERAGE_POOL, "F.avg_pool2d");
        put(Op.BATCH_NORMALIZATION, "F.batch_norm");
        put(Op.RESHAPE, "Tensor.reshape");
        put(Op.TRANSPOSE, "Tensor.permute");
        put(Op.CONCAT, "torch.cat");
        put(Op.SQUEEZE, "torch.squeeze");
        put(Op.UNSQUEEZE, "Tensor.unsqueeze");
        put(Op.SLICE, "slicing / torch.flip");
        put(Op.SHAPE, "Tensor.shape");
        put(Op.CAST, "Tensor.to");
        put(Op.PAD, "F.pad");
        put(Op.EXPAND, "Tensor.expand");
        put(Op.REDUCE_MEAN, "torch.mean");
        put(Op.REDUCE_SUM, "torch.sum");
        put(Op.REDUCE_MAX, "torch.amax");
    }

    private TorchTargets() {}

    private static void put(Op op, String target) { TARGETS.put(op, target); }

    /** The PyTorch call for {@code op}; empty when the op writes no call (identity). */
    public static String of(Op op) {
        String t = TARGETS.get(op);
        if (t == null) throw new IllegalStateException("no PyTorch target documented for IR op " + op.textName());
        return t;
    }
}
