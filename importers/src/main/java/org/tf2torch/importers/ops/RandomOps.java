package org.tf2torch.importers.ops;

import org.tf2torch.importers.random.Philox4x32;
import org.tf2torch.importers.random.PhiloxDistributions;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * TF's stateful random ops, frozen: a seeded op with a static shape becomes a constant holding the values TF's
 * CPU kernel draws on its first run (Philox4x32-10 from the {@code seed}/{@code seed2} attributes, then TF's
 * distribution), computed here at conversion time. The converted model returns the same values on every call,
 * which the conversion reports as a warning naming the node. Unseeded ops (TF draws fresh seeds each session)
 * and ops whose shape is known only at run time are refused.
 */
final class RandomOps implements OpFamily {
    /** Frozen values are stored in the weights; beyond this a model is better re-exported without the op. */
    static final long MAX_ELEMENTS = 1L << 24;

    @Override
    public void register(OpRegistry r) {
        r.add("RandomUniform", Translator.single(RandomOps::uniform), Op.CONSTANT);
        r.add("RandomStandardNormal", Translator.single(RandomOps::normal), Op.CONSTANT);
        r.add("TruncatedNormal", Translator.single(RandomOps::truncatedNormal), Op.CONSTANT);
        r.add("RandomUniformInt", Translator.single(RandomOps::uniformInt), Op.CONSTANT);
        new RandomSamplingOps().register(r);
    }

    /** How one float op turns TF's generator into {@code n} values of {@code dt}. */
    private interface FloatDraw { double[] draw(OpContext c, DType dt, Philox4x32 gen, int n); }

    /** The float random ops share everything but the distribution: static shape, seeded generator, constant. */
    private static Value frozenFloats(OpContext c, FloatDraw draw) {
        DType dt = c.attrType("dtype");
        Shape shape = staticShape(c, 0);
        Philox4x32 gen = seeded(c);
        return frozen(c, TensorValues.ofDoubles(dt, shape, draw.draw(c, dt, gen, elementCount(c, shape))));
    }

    private static Value uniform(OpContext c) {
        return frozenFloats(c, (ctx, dt, gen, n) -> {
            switch (dt) {
                case F32: return PhiloxDistributions.uniformFloat(gen, n);
                case F64: return PhiloxDistributions.uniformDouble(gen, n);
                case F16: return PhiloxDistributions.uniformHalf(gen, n);
                case BF16: return PhiloxDistributions.uniformBfloat16(gen, n);
                default: throw unsupportedType(ctx, dt, "half, bfloat16, float or double");
            }
        });
    }

    private static Value normal(OpContext c) {
        return frozenFloats(c, (ctx, dt, gen, n) -> {
            switch (dt) {
                // half and bfloat16 are the float draws rounded, as TF computes them.
                case F32: case F16: case BF16: return PhiloxDistributions.normalFloat(gen, n);
                case F64: return PhiloxDistributions.normalDouble(gen, n);
                default: throw unsupportedType(ctx, dt, "half, bfloat16, float or double");
            }
        });
    }

    private static Value truncatedNormal(OpContext c) {
        DType dt = c.attrType("dtype");
        if (!dt.isFloating()) throw unsupportedType(c, dt, "half, bfloat16, float or double");
        return frozenFloats(c, (ctx, t, gen, n) -> PhiloxDistributions.truncatedNormal(gen, n, t == DType.F64));
    }

    private static Value uniformInt(OpContext c) {
        DType dt = c.attrType("Tout");
        Shape shape = staticShape(c, 0);
        long lo = scalar(c, 1, "minval");
        long hi = scalar(c, 2, "maxval");
        if (lo >= hi) {
            throw new TranslationException("needs minval < maxval, got " + lo + " >= " + hi + " (TF fails the same way)");
        }
        Philox4x32 gen = seeded(c);
        int n = elementCount(c, shape);
        long[] v;
        switch (dt) {
            case I32: v = PhiloxDistributions.uniformInt32(gen, n, (int) lo, (int) hi); break;
            case I64: v = PhiloxDistributions.uniformInt64(gen, n, lo, hi); break;
            default: throw unsupportedType(c, dt, "int32 or int64");
        }
        return frozen(c, TensorValues.ofLongs(dt, shape, v));
    }

    /** TF's generator for this node; refused without a seed, since TF then seeds from the OS on every run. */
    static Philox4x32 seeded(OpContext c) {
        long seed = c.attrInt("seed", 0);
        long seed2 = c.attrInt("seed2", 0);
        if (seed == 0 && seed2 == 0) {
            throw new TranslationException("random op without a seed (seed=seed2=0): TensorFlow draws different "
                    + "values on every run, which a converted model cannot reproduce. Set a seed "
                    + "(tf.random.set_seed or the op's seed argument) and export again, or remove the op "
                    + "(e.g. export with training=False so dropout is not in the graph)");
        }
        return new Philox4x32(seed, seed2);
    }

    /** The output shape from input {@code i}, which must fold to a constant. */
    static Shape staticShape(OpContext c, int i) {
        long[] dims;
        try {
            dims = c.constInts(i);
        } catch (TranslationException e) {
            throw new TranslationException("the shape of this random op is only known at run time; only random ops "
                    + "with a static shape can be converted (to the values TF draws for it). Give the model static "
                    + "input shapes, or remove the op (e.g. export with training=False)");
        }
        for (long d : dims) {
            if (d < 0) throw new TranslationException("shape has a negative dimension " + d);
        }
        return Shape.of(dims);
    }

    static int elementCount(OpContext c, Shape shape) {
        long n = shape.numElements();
        if (n > MAX_ELEMENTS) {
            throw new TranslationException("draws " + n + " values; frozen random values are limited to "
                    + MAX_ELEMENTS + " elements per op");
        }
        return (int) n;
    }

    /** The drawn values as a constant, with the warning that they no longer change between calls. */
    static Value frozen(OpContext c, Tensor t) {
        c.warn("random op frozen to the " + t.numElements() + " values TensorFlow draws on its first run (seed="
                + c.attrInt("seed", 0) + ", seed2=" + c.attrInt("seed2", 0) + "); the PyTorch model reuses these "
                + "same values on every call");
        return c.constant(t);
    }

    private static long scalar(OpContext c, int i, String what) {
        long[] v;
        try {
            v = c.constInts(i);
        } catch (TranslationException e) {
            throw new TranslationException(what + " is computed at run time; it must be a constant to freeze the draw");
        }
        if (v.length != 1) throw new TranslationException(what + " must be a scalar, got " + v.length + " values");
        return v[0];
    }

    private static TranslationException unsupportedType(OpContext c, DType dt, String supported) {
        return new TranslationException("output type " + dt + " is not supported (TF's kernel draws " + supported + ")");
    }
}
