package org.tf2torch.importers.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.importers.random.Philox4x32;
import org.tf2torch.importers.random.RandomSamplers;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * The seeded random ops whose draws depend on another input (gamma's alpha, Poisson's rate, multinomial's
 * logits) or permute one (RandomShuffle), frozen as {@link RandomOps} explains. The input the draw depends on
 * must be known at conversion time; RandomShuffle only needs its row count, and becomes a gather by the
 * permutation TF draws.
 */
final class RandomSamplingOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("RandomGamma", Translator.single(RandomSamplingOps::gamma), Op.CONSTANT);
        r.add("RandomPoissonV2", Translator.single(RandomSamplingOps::poisson), Op.CONSTANT);
        r.add("RandomPoisson", Translator.single(RandomSamplingOps::poisson), Op.CONSTANT);
        r.add("RandomShuffle", Translator.single(RandomSamplingOps::shuffle), Op.GATHER);
        r.add("Multinomial", Translator.single(RandomSamplingOps::multinomial), Op.CONSTANT);
    }

    private static Value gamma(OpContext c) {
        DType dt = c.attrType("T");
        if (!dt.isFloating()) throw new TranslationException("output type " + dt + " is not supported");
        Shape samples = RandomOps.staticShape(c, 0);
        Tensor alpha = constantOperand(c, 1, "alpha");
        Shape out = concat(samples, alpha.shape());
        RandomOps.elementCount(c, out);
        if (alpha.numElements() == 0 || samples.numElements() == 0) return RandomOps.frozen(c, TensorValues.ofDoubles(dt, out, new double[0]));
        double[] v = RandomSamplers.gamma(RandomOps.seeded(c), TensorValues.toDoubles(alpha), samples.numElements());
        return RandomOps.frozen(c, TensorValues.ofDoubles(dt, out, v));
    }

    private static Value poisson(OpContext c) {
        DType dt = c.attrType("dtype");
        double highest;
        switch (dt) {
            case F16: highest = 65504; break;
            case F32: highest = Float.MAX_VALUE; break;
            case F64: highest = Double.MAX_VALUE; break;
            case I32: highest = Integer.MAX_VALUE; break;
            case I64: highest = Long.MAX_VALUE; break;
            default: throw new TranslationException("output type " + dt + " is not supported");
        }
        Shape samples = RandomOps.staticShape(c, 0);
        Tensor rate = constantOperand(c, 1, "rate");
        Shape out = concat(samples, rate.shape());
        RandomOps.elementCount(c, out);
        double[] v = samples.numElements() == 0 || rate.numElements() == 0 ? new double[0]
                : RandomSamplers.poisson(RandomOps.seeded(c), TensorValues.toDoubles(rate), samples.numElements(), highest);
        if (dt.isFloating()) return RandomOps.frozen(c, TensorValues.ofDoubles(dt, out, v));
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) l[i] = (long) v[i];
        return RandomOps.frozen(c, TensorValues.ofLongs(dt, out, l));
    }

    /** A gather along axis 0 by the permutation TF draws; the data itself may be computed at run time. */
    private static Value shuffle(OpContext c) {
        Value x = c.input(0);
        Shape s = x.shape();
        if (!s.hasRank() || s.rank() == 0) {
            throw new TranslationException("RandomShuffle needs an input of known rank of at least 1, got " + s);
        }
        Dim d0 = s.dim(0);
        if (!d0.isStatic()) {
            throw new TranslationException("the number of rows to shuffle is only known at run time; the "
                    + "permutation TF draws depends on it, so the input needs a static first dimension");
        }
        long size = d0.size();
        // TF draws nothing for a single row or element and passes the input through.
        if (size <= 1 || (s.isStatic() && s.numElements() <= 1)) return x;
        if (size >= Integer.MAX_VALUE) throw new TranslationException("shuffles " + size + " rows; at most 2^31 - 2 are supported");
        long[] perm = RandomSamplers.shufflePermutation(RandomOps.seeded(c), (int) size);
        c.warn("random permutation frozen to the one TensorFlow draws on its first run (seed=" + c.attrInt("seed", 0)
                + ", seed2=" + c.attrInt("seed2", 0) + "); the PyTorch model applies this same permutation on "
                + "every call");
        Value idx = c.constant(TensorValues.ofLongs(DType.I64, Shape.of(size), perm));
        return c.add(Op.GATHER, List.of(x, idx), Map.of("axis", 0L));
    }

    private static Value multinomial(OpContext c) {
        DType dt = c.hasAttr("output_dtype") ? c.attrType("output_dtype") : DType.I64;
        if (dt != DType.I32 && dt != DType.I64) throw new TranslationException("output type " + dt + " is not supported");
        Tensor logits = constantOperand(c, 0, "logits");
        long[] ns = c.constInts(1);
        if (ns.length != 1 || ns[0] < 0) throw new TranslationException("num_samples must be a scalar >= 0");
        if (logits.shape().rank() != 2) throw new TranslationException("logits must be a matrix, got " + logits.shape());
        int batch = (int) logits.shape().sizes()[0];
        int classes = (int) logits.shape().sizes()[1];
        int numSamples = (int) ns[0];
        Shape out = Shape.of(batch, numSamples);
        RandomOps.elementCount(c, out);
        // TF gives each thread's first row a jump in the stream, so a split run draws differently; TF runs
        // inline (one shard) when the estimated cost stays under 10000 cycles or there is one row.
        long rowCost = (long) (50 * (numSamples * Math.log(Math.max(classes, 1)) / Math.log(2) + classes));
        if (batch > 1 && rowCost * batch >= 10000) {
            throw new TranslationException("draws " + batch + " x " + numSamples + " samples over " + classes
                    + " classes; TF splits this work across threads and its values then depend on the thread count");
        }
        if (batch * (long) numSamples == 0) return RandomOps.frozen(c, TensorValues.ofLongs(dt, out, new long[0]));
        if (classes == 0) throw new TranslationException("logits have no classes (TF fails the same way)");
        double[] flat = TensorValues.toDoubles(logits);
        double[][] rows = new double[batch][classes];
        for (int b = 0; b < batch; b++) System.arraycopy(flat, b * classes, rows[b], 0, classes);
        long[] v = RandomSamplers.multinomial(RandomOps.seeded(c), rows, numSamples);
        return RandomOps.frozen(c, TensorValues.ofLongs(dt, out, v));
    }

    /**
     * Input {@code i}'s value, which the draw needs at conversion time. Besides constants this evaluates the
     * element-wise arithmetic TF's Python wrappers put in front ({@code alpha + zeros_like(alpha)}), in double
     * and rounded to the type once per operation, which is how TF's float and half arithmetic round.
     */
    static Tensor constantOperand(OpContext c, int i, String what) {
        Tensor t = evaluate(c.input(i), 0);
        if (t == null) {
            throw new TranslationException(what + " is computed at run time; TF's draw depends on its values, so "
                    + "it must be a constant to convert this random op");
        }
        return t;
    }

    private static Tensor evaluate(Value v, int depth) {
        if (v.isConstant()) return v.constantValue();
        Node n = v.producer();
        if (n == null || depth > 16 || n.outputs().size() != 1) return null;
        if (n.op() == Op.IDENTITY) return evaluate(n.input(0), depth + 1);
        if (n.op() != Op.ADD && n.op() != Op.SUB && n.op() != Op.MUL && n.op() != Op.DIV) return null;
        Tensor a = evaluate(n.input(0), depth + 1);
        Tensor b = evaluate(n.input(1), depth + 1);
        if (a == null || b == null || !v.dtype().isFloating() || a.dtype() != v.dtype() || b.dtype() != v.dtype()) return null;
        Shape shape;
        if (a.shape().equals(b.shape()) || b.shape().rank() == 0) shape = a.shape();
        else if (a.shape().rank() == 0) shape = b.shape();
        else return null;
        double[] x = TensorValues.toDoubles(a);
        double[] y = TensorValues.toDoubles(b);
        double[] r = new double[Math.toIntExact(shape.numElements())];
        for (int k = 0; k < r.length; k++) {
            double p = x[x.length == 1 ? 0 : k];
            double q = y[y.length == 1 ? 0 : k];
            switch (n.op()) {
                case ADD: r[k] = p + q; break;
                case SUB: r[k] = p - q; break;
                case MUL: r[k] = p * q; break;
                default: r[k] = p / q; break;
            }
        }
        return TensorValues.ofDoubles(v.dtype(), shape, r);
    }

    private static Shape concat(Shape a, Shape b) {
        List<Dim> dims = new ArrayList<>();
        for (int k = 0; k < a.rank(); k++) dims.add(a.dim(k));
        for (int k = 0; k < b.rank(); k++) dims.add(b.dim(k));
        return Shape.of(dims);
    }
}
