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
        put(Op.REDUCE_MIN, "torch.amin");
        put(Op.REDUCE_PROD, "torch.prod (one dim at a time)");
        put(Op.REDUCE_ALL, "torch.all (one dim at a time)");
        put(Op.REDUCE_ANY, "torch.any (one dim at a time)");
        put(Op.ARG_MAX, "torch.argmax");
        put(Op.ARG_MIN, "torch.argmin");
        put(Op.CUMSUM, "torch.cumsum (torch.flip, torch.cat for reverse/exclusive)");
        put(Op.CUMPROD, "torch.cumprod (torch.flip, torch.cat for reverse/exclusive)");
        put(Op.TOP_K, "torch.sort (stable) + torch.narrow");
        put(Op.LSTM, "nn.LSTM / torch.lstm");
        put(Op.GRU, "nn.GRU / torch.gru (gates reordered)");
        put(Op.CONV_TRANSPOSE, "F.conv_transpose2d (narrow when pads are asymmetric)");
        put(Op.RESIZE, "F.interpolate");
        put(Op.NON_MAX_SUPPRESSION, "while loop over torch.argmax / IoU rows (TF's greedy and soft NMS)");
        put(Op.CROP_AND_RESIZE, "torch.index_select of floor/ceil neighbours + TF's lerp");
        put(Op.DRAW_BOUNDING_BOXES, "edge masks + torch.amax + torch.where");
        put(Op.EQUAL, "==");
        put(Op.NOT_EQUAL, "!=");
        put(Op.LESS, "<");
        put(Op.LESS_EQUAL, "<=");
        put(Op.GREATER, ">");
        put(Op.GREATER_EQUAL, ">=");
        put(Op.AND, "torch.logical_and");
        put(Op.OR, "torch.logical_or");
        put(Op.XOR, "torch.logical_xor");
        put(Op.NOT, "torch.logical_not");
        put(Op.IS_NAN, "torch.isnan");
        put(Op.IS_INF, "torch.isinf");
        put(Op.WHERE, "torch.where");
        put(Op.BITWISE_AND, "&");
        put(Op.BITWISE_OR, "|");
        put(Op.BITWISE_XOR, "^");
        put(Op.BITWISE_NOT, "~");
        put(Op.BIT_SHIFT, "<< / >>");
        put(Op.FLOOR_DIV, "torch.div(rounding_mode=\"floor\") / torch.floor(a / b)");
        put(Op.MOD, "torch.remainder / torch.fmod");
        put(Op.ATAN2, "torch.atan2");
        put(Op.FLOOR, "torch.floor");
        put(Op.CEIL, "torch.ceil");
        put(Op.ROUND, "torch.round");
        put(Op.SIGN, "torch.sign");
        put(Op.SIN, "torch.sin");
        put(Op.COS, "torch.cos");
        put(Op.TAN, "torch.tan");
        put(Op.ASIN, "torch.asin");
        put(Op.ACOS, "torch.acos");
        put(Op.ATAN, "torch.atan");
        put(Op.SINH, "torch.sinh");
        put(Op.COSH, "torch.cosh");
        put(Op.ASINH, "torch.asinh");
        put(Op.ACOSH, "torch.acosh");
        put(Op.ATANH, "torch.atanh");
        put(Op.ERF, "torch.erf");
        put(Op.ERFC, "torch.erfc");
        put(Op.LOG1P, "torch.log1p");
        put(Op.EXPM1, "torch.expm1");
        put(Op.LGAMMA, "torch.lgamma");
        put(Op.DIGAMMA, "torch.digamma");
        put(Op.SOFTPLUS, "F.softplus");
        put(Op.SOFTSIGN, "F.softsign");
        put(Op.LEAKY_RELU, "F.leaky_relu");
        put(Op.RANGE, "torch.arange");
        put(Op.LOOP, "while loop (Python statement)");
        put(Op.GATHER, "torch.index_select");
        put(Op.GATHER_ND, "advanced indexing x[i[..., 0], ...]");
        put(Op.TILE, "Tensor.repeat");
        put(Op.SPLIT, "torch.split");
        put(Op.ONE_HOT, "== torch.arange (one-hot mask)");
        put(Op.BITCAST, "Tensor.view(dtype)");
        put(Op.MATRIX_DETERMINANT, "torch.linalg.det");
        put(Op.SLOGDET, "torch.linalg.slogdet");
        put(Op.MATRIX_INVERSE, "torch.linalg.inv");
        put(Op.MATRIX_SOLVE, "torch.linalg.solve");
        put(Op.TRIANGULAR_SOLVE, "torch.linalg.solve_triangular");
        put(Op.CHOLESKY, "torch.linalg.cholesky (of the mirrored lower triangle)");
        put(Op.LU, "torch.linalg.lu_factor + torch.lu_unpack (pivots to a permutation)");
        put(Op.SVD, "torch.linalg.svd");
        put(Op.SINGULAR_VALUES, "torch.linalg.svdvals");
        put(Op.IGAMMA, "torch.special.gammainc (+ torch.where for TF's domain)");
        put(Op.IGAMMAC, "torch.special.gammaincc (+ torch.where for TF's domain)");
        put(Op.ZETA, "torch.special.zeta");
        put(Op.POLYGAMMA, "torch.special.zeta, torch.lgamma, torch.digamma (tensor n)");
        put(Op.BETAINC, "continued fraction / power series loop (torch.where, torch.lgamma)");
        put(Op.NON_ZERO, "torch.nonzero(x).t()");
        put(Op.UNIQUE, "torch.unique (+ stable sort for first-occurrence order)");
        put(Op.SCATTER_ND, "Tensor.index_add / index_copy / scatter_reduce");
        put(Op.CHECK_FINITE, "torch.isfinite + raise");
        put(Op.CHECK_DIMS_NOT_ONE, "x.size(d) == 1 + raise");
        put(Op.EINSUM, "torch.einsum");
        put(Op.LAYER_NORMALIZATION, "F.layer_norm");
        put(Op.GELU, "F.gelu");
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
