package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/** Division and remainder variants, rounding, trigonometric and special functions, and small compositions. */
final class MathFunctionOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        // TF Div truncates integer quotients (C++ '/'), which is the IR's DIV.
        binary(r, "Div", Op.DIV);
        r.add("TruncateDiv", Translator.single(c -> {
            if (c.input(0).dtype().isFloating()) throw new TranslationException("TruncateDiv of floating-point values");
            return c.add(Op.DIV, c.input(0), c.input(1));
        }), Op.DIV);
        r.add("DivNoNan", Translator.single(c -> {
            Value zero = c.scalar(c.input(0).dtype(), 0);
            return c.add(Op.WHERE, c.add(Op.EQUAL, c.input(1), zero), zero, c.add(Op.DIV, c.input(0), c.input(1)));
        }), Op.EQUAL, Op.DIV, Op.WHERE);
        binary(r, "FloorDiv", Op.FLOOR_DIV);
        r.add("FloorMod", Translator.single(c -> mod(c, false)), Op.MOD);
        // Mod (legacy) and TruncateMod take the dividend's sign, as C's % and fmod do.
        r.add("Mod", Translator.single(c -> mod(c, true)), Op.MOD);
        r.add("TruncateMod", Translator.single(c -> mod(c, true)), Op.MOD);
        binary(r, "Atan2", Op.ATAN2);
        // Zero wherever x is zero, even where the other factor is inf or NaN.
        r.add("Xlogy", Translator.single(c -> zeroWhereXIsZero(c, c.add(Op.MUL, c.input(0), c.add(Op.LOG, c.input(1))))),
                Op.LOG, Op.MUL, Op.EQUAL, Op.WHERE);
        r.add("Xlog1py", Translator.single(c -> zeroWhereXIsZero(c,
                c.add(Op.MUL, c.input(0), c.add(Op.LOG1P, c.input(1))))), Op.LOG1P, Op.MUL, Op.EQUAL, Op.WHERE);
        r.add("Xdivy", Translator.single(c -> zeroWhereXIsZero(c, c.add(Op.DIV, c.input(0), c.input(1)))),
                Op.DIV, Op.EQUAL, Op.WHERE);
        r.add("ApproximateEqual", Translator.single(c -> {
            Value x = c.input(0);
            Value tolerance = c.scalar(x.dtype(), c.attrFloat("tolerance", 1e-5f));
            return c.add(Op.LESS, c.add(Op.ABS, c.add(Op.SUB, x, c.input(1))), tolerance);
        }), Op.SUB, Op.ABS, Op.LESS);

        rounding(r, "Floor", Op.FLOOR);
        rounding(r, "Ceil", Op.CEIL);
        // Both round half to even.
        rounding(r, "Round", Op.ROUND);
        rounding(r, "Rint", Op.ROUND);
        unary(r, "Sign", Op.SIGN);
        unary(r, "Sin", Op.SIN);
        unary(r, "Cos", Op.COS);
        unary(r, "Tan", Op.TAN);
        unary(r, "Asin", Op.ASIN);
        unary(r, "Acos", Op.ACOS);
        unary(r, "Atan", Op.ATAN);
        unary(r, "Sinh", Op.SINH);
        unary(r, "Cosh", Op.COSH);
        unary(r, "Asinh", Op.ASINH);
        unary(r, "Acosh", Op.ACOSH);
        unary(r, "Atanh", Op.ATANH);
        unary(r, "Erf", Op.ERF);
        unary(r, "Erfc", Op.ERFC);
        unary(r, "Log1p", Op.LOG1P);
        unary(r, "Expm1", Op.EXPM1);
        unary(r, "Lgamma", Op.LGAMMA);
        unary(r, "Digamma", Op.DIGAMMA);
        unary(r, "Softplus", Op.SOFTPLUS);
        unary(r, "Softsign", Op.SOFTSIGN);
        r.add("LeakyRelu", Translator.single(c -> c.add(Op.LEAKY_RELU, List.of(c.input(0)),
                Map.of("alpha", (double) c.attrFloat("alpha", 0.2f)))), Op.LEAKY_RELU);

        r.add("AddN", Translator.single(MathFunctionOps::sum), Op.ADD);
        r.add("AccumulateNV2", Translator.single(MathFunctionOps::sum), Op.ADD);
        // TF halves each square before summing: sum(x * x * 0.5) over all axes.
        r.add("L2Loss", Translator.single(c -> {
            Value x = c.input(0);
            Value half = c.add(Op.MUL, c.add(Op.MUL, x, x), c.scalar(x.dtype(), 0.5));
            return c.add(Op.REDUCE_SUM, List.of(half), Map.of("axes", new long[0], "keepdims", false));
        }), Op.MUL, Op.REDUCE_SUM);
        r.add("Cross", Translator.single(MathFunctionOps::cross), Op.GATHER, Op.MUL, Op.SUB);
        r.add("SoftmaxCrossEntropyWithLogits", c -> softmaxCrossEntropy(c, c.input(1)), Op.LOG_SOFTMAX, Op.SOFTMAX,
                Op.MUL, Op.REDUCE_SUM, Op.NEG, Op.SUB);
        r.add("SparseSoftmaxCrossEntropyWithLogits", c -> {
            Value logits = c.input(0);
            long classes = logits.shape().hasRank() && logits.shape().dim(-1).isStatic() ? logits.shape().dim(-1).size() : -1;
            if (classes < 0) throw new TranslationException("sparse softmax cross entropy needs a static class count");
            Value labels = c.add(Op.ONE_HOT, List.of(c.input(1)), Map.of("depth", classes, "to", logits.dtype()));
            return softmaxCrossEntropy(c, labels);
        }, Op.ONE_HOT, Op.LOG_SOFTMAX, Op.SOFTMAX, Op.MUL, Op.REDUCE_SUM, Op.NEG, Op.SUB);
        r.add("ClipByValue", Translator.single(MathFunctionOps::clipByValue), Op.CLIP, Op.MIN, Op.MAX);
    }

    private static void binary(OpRegistry r, String tf, Op op) {
        r.add(tf, Translator.single(c -> c.add(op, c.input(0), c.input(1))), op);
    }

    private static void unary(OpRegistry r, String tf, Op op) {
        r.add(tf, Translator.single(c -> c.add(op, c.input(0))), op);
    }

    /** Rounding an integer tensor leaves it as it is (torch has no integer kernels for these). */
    private static void rounding(OpRegistry r, String tf, Op op) {
        r.add(tf, Translator.single(c -> c.input(0).dtype().isFloating() ? c.add(op, c.input(0)) : c.input(0)), op);
    }

    /** Per-row loss -sum(labels * log_softmax(logits)) and its gradient softmax(logits) - labels. */
    private static List<Value> softmaxCrossEntropy(OpContext c, Value labels) {
        Value logits = c.input(0);
        Value logProbs = c.add(Op.LOG_SOFTMAX, List.of(logits), Map.of("axis", -1L));
        Value sum = c.add(Op.REDUCE_SUM, List.of(c.add(Op.MUL, labels, logProbs)), Map.of("axes", new long[] {-1},
                "keepdims", false));
        Value probs = c.add(Op.SOFTMAX, List.of(logits), Map.of("axis", -1L));
        return List.of(c.add(Op.NEG, sum), c.add(Op.SUB, probs, labels));
    }

    private static Value zeroWhereXIsZero(OpContext c, Value product) {
        Value zero = c.scalar(c.input(0).dtype(), 0);
        return c.add(Op.WHERE, c.add(Op.EQUAL, c.input(0), zero), zero, product);
    }

    private static Value mod(OpContext c, boolean fmod) {
        return c.add(Op.MOD, List.of(c.input(0), c.input(1)), Map.of("fmod", fmod));
    }

    /** AddN's operands all have the same shape; summed left to right. */
    private static Value sum(OpContext c) {
        Value acc = c.input(0);
        for (int i = 1; i < c.numInputs(); i++) acc = c.add(Op.ADD, acc, c.input(i));
        return acc;
    }

    /**
     * TF clips to the maximum first, then to the minimum, so a minimum above the maximum wins; torch.clamp
     * (and ONNX Clip) let the maximum win. Constant scalar bounds become CLIP, with that case made explicit.
     */
    private static Value clipByValue(OpContext c) {
        Value x = c.input(0);
        Tensor lo = c.input(1).constantValue();
        Tensor hi = c.input(2).constantValue();
        if (lo != null && hi != null && lo.shape().rank() == 0 && hi.shape().rank() == 0) {
            double min = TensorValues.toDoubles(lo)[0];
            double max = Math.max(min, TensorValues.toDoubles(hi)[0]);
            return c.add(Op.CLIP, List.of(x), Map.of("min", min, "max", max));
        }
        return c.add(Op.MAX, c.add(Op.MIN, x, c.input(2)), c.input(1));
    }

    /**
     * Cross product of 3-vectors on the last axis: element i is a[i+1] * b[i+2] - a[i+2] * b[i+1] (indices mod
     * 3), computed on the vectors rotated by one and by two places.
     */
    private static Value cross(OpContext c) {
        Value a = c.input(0);
        Value b = c.input(1);
        Value once = c.i64(1, 2, 0);
        Value twice = c.i64(2, 0, 1);
        Value left = c.add(Op.MUL, rotate(c, a, once), rotate(c, b, twice));
        Value right = c.add(Op.MUL, rotate(c, a, twice), rotate(c, b, once));
        return c.add(Op.SUB, left, right);
    }

    private static Value rotate(OpContext c, Value v, Value indices) {
        return c.add(Op.GATHER, List.of(v, indices), Map.of("axis", -1L));
    }
}
