package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * TF's fake quantization (FakeQuantWithMinMaxArgs/Vars/VarsPerChannel), step for step in float32 as TF's kernels
 * compute it: min and max are "nudged" so that 0.0 falls on the integer grid, x is clamped to the nudged range,
 * snapped down to the grid after adding half a step, and mapped back. The Args kernel multiplies by the
 * reciprocal of the scale, the Vars kernels divide by it; the two can differ in the last bit and so in the
 * step chosen, hence both forms.
 */
final class FakeQuantOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        Op[] quantize = {Op.MIN, Op.MAX, Op.SUB, Op.MUL, Op.DIV, Op.ADD, Op.FLOOR};
        r.add("FakeQuantWithMinMaxArgs", Translator.single(FakeQuantOps::args), quantize);
        r.add("FakeQuantWithMinMaxVars", Translator.single(c -> vars(c, false)),
                Op.MIN, Op.MAX, Op.SUB, Op.MUL, Op.DIV, Op.ADD, Op.FLOOR, Op.CLIP, Op.GREATER_EQUAL, Op.WHERE);
        r.add("FakeQuantWithMinMaxVarsPerChannel", Translator.single(c -> vars(c, true)),
                Op.MIN, Op.MAX, Op.SUB, Op.MUL, Op.DIV, Op.ADD, Op.FLOOR, Op.CLIP, Op.GREATER_EQUAL, Op.WHERE);
    }

    /** The nudged range and step of one (min, max) pair, as TF's {@code Nudge} computes them. */
    record Nudged(float min, float max, float scale) {}

    /** quant_min and quant_max for the op's num_bits and narrow_range. */
    static int[] quantRange(OpContext c) {
        long bits = c.attrInt("num_bits", 8);
        if (bits < 2 || bits > 16) {
            throw new TranslationException("num_bits must be between 2 and 16 inclusive, got " + bits);
        }
        return new int[] {c.attrBool("narrow_range", false) ? 1 : 0, (1 << bits) - 1};
    }

    /**
     * TF's {@code Nudge}, in float32 arithmetic (Java's float operations are IEEE single precision, like the
     * kernel's). TF stores the zero point in a uint8; a zero point above 255 (only possible with num_bits above
     * 8) would wrap there, which is refused rather than imitated.
     */
    static Nudged nudge(float min, float max, int quantMin, int quantMax) {
        float qmin = quantMin;
        float qmax = quantMax;
        float scale = (max - min) / (qmax - qmin);
        float zeroPointFromMin = qmin - min / scale;
        float zeroPoint;
        if (zeroPointFromMin < qmin) zeroPoint = quantMin;
        else if (zeroPointFromMin > qmax) zeroPoint = quantMax;
        else zeroPoint = roundHalfAway(zeroPointFromMin);
        if (zeroPoint > 255) {
            throw new TranslationException("the nudged zero point is " + zeroPoint + ", which TF keeps in a uint8 "
                    + "and wraps; this range cannot be converted exactly");
        }
        return new Nudged((qmin - zeroPoint) * scale, (qmax - zeroPoint) * scale, scale);
    }

    /** std::round of a float: half away from zero. Via double, where adding 0.5 to a float is exact. */
    static float roundHalfAway(float v) {
        double a = Math.floor(Math.abs((double) v) + 0.5);
        return (float) Math.copySign(a, v);
    }

    private static Value args(OpContext c) {
        checkFloat(c);
        float min = c.attrFloat("min", -6f);
        float max = c.attrFloat("max", 6f);
        if (!(min < max)) throw new TranslationException("min has to be smaller than max, was: " + min + " >= " + max);
        int[] q = quantRange(c);
        Nudged n = nudge(min, max, q[0], q[1]);
        Value scale = f32(c, n.scale());
        // TF's Args kernel multiplies by the float reciprocal of the scale.
        return quantize(c, c.input(0), f32(c, n.min()), f32(c, n.max()), null, f32(c, 1.0f / n.scale()), scale);
    }

    /**
     * Clamp to [nudgedMin, nudgedMax] (min with the top first, as TF), shift, scale to steps, floor(v + 0.5),
     * and back. {@code inverse} non-null multiplies by it (Args); else divides by {@code divisor} (Vars).
     */
    private static Value quantize(OpContext c, Value x, Value nudgedMin, Value nudgedMax, Value divisor,
                                  Value inverse, Value scale) {
        Value clamped = c.add(Op.MAX, c.add(Op.MIN, x, nudgedMax), nudgedMin);
        Value shifted = c.add(Op.SUB, clamped, nudgedMin);
        Value steps = inverse != null ? c.add(Op.MUL, shifted, inverse) : c.add(Op.DIV, shifted, divisor);
        Value grid = c.add(Op.FLOOR, c.add(Op.ADD, steps, f32(c, 0.5f)));
        return c.add(Op.ADD, c.add(Op.MUL, grid, scale), nudgedMin);
    }

    private static Value vars(OpContext c, boolean perChannel) {
        checkFloat(c);
        Value x = c.input(0);
        Value min = c.input(1);
        Value max = c.input(2);
        int expectRank = perChannel ? 1 : 0;
        for (Value v : List.of(min, max)) {
            if (v.shape().hasRank() && v.shape().rank() != expectRank) {
                throw new TranslationException((perChannel ? "per-channel min and max must be vectors"
                        : "min and max must be scalars") + ", got " + v.shape());
            }
            if (v.dtype() != DType.F32) throw new TranslationException("min and max must be float32, got " + v.dtype());
        }
        int[] q = quantRange(c);
        Tensor minC = IndexOps.tryConst(c, 1);
        Tensor maxC = IndexOps.tryConst(c, 2);
        if (minC != null && maxC != null && q[1] > 255) return constantRange(c, x, minC, maxC, q);
        if (q[1] > 255) {
            throw new TranslationException("num_bits above 8 with a run-time min/max: TF keeps the nudged zero "
                    + "point in a uint8, which wraps for large zero points; only constant ranges are converted");
        }
        // Nudge in the graph, in float32 tensors: the same operations as TF's scalar code.
        Value qmin = f32(c, q[0]);
        Value qmax = f32(c, q[1]);
        Value scale = c.add(Op.DIV, c.add(Op.SUB, max, min), f32(c, (float) q[1] - (float) q[0]));
        Value fromMin = c.add(Op.SUB, qmin, c.add(Op.DIV, min, scale));
        // TF's two out-of-range branches are a clamp; inside the range the value is >= 0, so half-away-from-zero
        // rounding is floor plus one when the fraction (exact in float) is at least one half.
        Value inRange = c.add(Op.CLIP, List.of(fromMin), Map.of("min", (double) q[0], "max", (double) q[1]));
        Value whole = c.add(Op.FLOOR, inRange);
        Value up = c.add(Op.GREATER_EQUAL, c.add(Op.SUB, inRange, whole), f32(c, 0.5f));
        Value zeroPoint = c.add(Op.WHERE, List.of(up, c.add(Op.ADD, whole, f32(c, 1f)), whole), Map.of());
        Value nudgedMin = c.add(Op.MUL, c.add(Op.SUB, qmin, zeroPoint), scale);
        Value nudgedMax = c.add(Op.MUL, c.add(Op.SUB, qmax, zeroPoint), scale);
        return quantize(c, x, nudgedMin, nudgedMax, scale, null, scale);
    }

    /** Constant ranges nudged here (num_bits above 8, where the zero point must be checked against 255). */
    private static Value constantRange(OpContext c, Value x, Tensor minC, Tensor maxC, int[] q) {
        double[] mins = TensorValues.toDoubles(minC);
        double[] maxs = TensorValues.toDoubles(maxC);
        if (mins.length != maxs.length) {
            throw new TranslationException("min has " + mins.length + " values but max has " + maxs.length);
        }
        double[] lo = new double[mins.length];
        double[] hi = new double[mins.length];
        double[] sc = new double[mins.length];
        for (int i = 0; i < mins.length; i++) {
            Nudged n = nudge((float) mins[i], (float) maxs[i], q[0], q[1]);
            lo[i] = n.min();
            hi[i] = n.max();
            sc[i] = n.scale();
        }
        Shape s = minC.shape();
        Value scale = c.constant(TensorValues.ofDoubles(DType.F32, s, sc));
        return quantize(c, x, c.constant(TensorValues.ofDoubles(DType.F32, s, lo)),
                c.constant(TensorValues.ofDoubles(DType.F32, s, hi)), scale, null, scale);
    }

    private static void checkFloat(OpContext c) {
        if (c.input(0).dtype() != DType.F32) {
            throw new TranslationException(c.op() + " takes float32 inputs, got " + c.input(0).dtype());
        }
    }

    private static Value f32(OpContext c, float v) { return c.scalar(DType.F32, v); }
}
