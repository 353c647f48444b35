package org.tf2torch.importers.random;

/**
 * TF's CPU samplers that draw a variable number of values per output (RandomGamma, RandomPoissonV2) or walk one
 * stream sequentially (RandomShuffle, Multinomial), over the generator the kernel gets on its first run.
 * Rejection samplers give every output its own window of the stream: a copy of the generator skipped by
 * 256 blocks per output index, so each output is independent of how TF split the work across threads.
 */
public final class RandomSamplers {
    /** TF's {@code kReservedSamplesPerOutput}: blocks set aside for each output of a rejection sampler. */
    static final long RESERVED_BLOCKS_PER_OUTPUT = 256;

    private RandomSamplers() {}

    /**
     * TF's {@code UNIFORM}/{@code NORMAL} macros: a group of two doubles per Philox block, used from the last
     * element down, with uniform and normal groups drawn from the same stream as they run out.
     */
    private static final class DoubleDraws {
        private final Philox4x32 gen;
        private final double[] uniform = new double[2];
        private final double[] normal = new double[2];
        private int uniformLeft;
        private int normalLeft;

        DoubleDraws(Philox4x32 gen) { this.gen = gen; }

        double uniform() {
            if (uniformLeft == 0) {
                int[] s = gen.next();
                uniform[0] = PhiloxDistributions.uint64ToDouble(s[0], s[1]);
                uniform[1] = PhiloxDistributions.uint64ToDouble(s[2], s[3]);
                uniformLeft = 2;
            }
            return uniform[--uniformLeft];
        }

        double normal() {
            if (normalLeft == 0) {
                int[] s = gen.next();
                PhiloxDistributions.boxMullerDouble(s[0], s[1], s[2], s[3], normal);
                normalLeft = 2;
            }
            return normal[--normalLeft];
        }
    }

    private static DoubleDraws window(Philox4x32 base, long outputIndex) {
        Philox4x32 g = base.copy();
        g.skip(RESERVED_BLOCKS_PER_OUTPUT * outputIndex);
        return new DoubleDraws(g);
    }

    /**
     * RandomGamma: {@code samplesPerAlpha} draws for each alpha, laid out {@code [sample, alpha]} (alpha fastest),
     * computed in double as TF does (Marsaglia–Tsang; alpha == 1 as an exponential; alpha < 1 boosted by
     * {@code u^(1/alpha)}).
     */
    public static double[] gamma(Philox4x32 base, double[] alphas, long samplesPerAlpha) {
        int numAlphas = alphas.length;
        double[] out = new double[Math.toIntExact(samplesPerAlpha * numAlphas)];
        for (long outputIdx = 0; outputIdx < out.length; outputIdx++) {
            int alphaIdx = (int) (outputIdx / samplesPerAlpha);
            long sampleIdx = outputIdx % samplesPerAlpha;
            double alpha = alphas[alphaIdx];
            DoubleDraws r = window(base, outputIdx);
            double res;
            if (alpha == 1.0) {
                res = -Math.log1p(-r.uniform());
            } else {
                boolean lessThanOne = alpha < 1;
                double d = alpha + (lessThanOne ? 2.0 / 3 : -1.0 / 3);
                double c = 1.0 / 3 / Math.sqrt(d);
                while (true) {
                    double x = r.normal();
                    double v = 1 + c * x;
                    if (v <= 0) continue;
                    v = v * v * v;
                    double u = r.uniform();
                    if (u < 1 - 0.0331 * (x * x) * (x * x) || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                        res = d * v;
                        if (lessThanOne) res *= Math.pow(r.uniform(), 1 / alpha);
                        break;
                    }
                }
            }
            out[(int) (alphaIdx + sampleIdx * numAlphas)] = res;
        }
        return out;
    }

    /**
     * RandomPoissonV2: laid out like {@link #gamma}; Knuth's product of uniforms below rate 10, Hörmann's
     * transformed rejection from 10 up, in double. {@code highest} is the output type's largest value: TF
     * draws again rather than overflow it.
     */
    public static double[] poisson(Philox4x32 base, double[] rates, long samplesPerRate, double highest) {
        int numRates = rates.length;
        double[] out = new double[Math.toIntExact(samplesPerRate * numRates)];
        for (long outputIdx = 0; outputIdx < out.length; outputIdx++) {
            int rateIdx = (int) (outputIdx / samplesPerRate);
            long sampleIdx = outputIdx % samplesPerRate;
            double rate = rates[rateIdx];
            DoubleDraws r = window(base, outputIdx);
            out[(int) (rateIdx + sampleIdx * numRates)] = rate < 10 ? knuth(r, rate, highest) : hormann(r, rate, highest);
        }
        return out;
    }

    private static double knuth(DoubleDraws r, double rate, double highest) {
        double expNegRate = Math.exp(-rate);
        double prod = 1;
        double x = 0;
        while (true) {
            prod = prod * r.uniform();
            if (prod <= expNegRate && x <= highest) return x;
            x += 1;
        }
    }

    private static double hormann(DoubleDraws r, double rate, double highest) {
        double logRate = Math.log(rate);
        double b = 0.931 + 2.53 * Math.sqrt(rate);
        double a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
        while (true) {
            double u = r.uniform() - 0.5;
            double v = r.uniform();
            double uShifted = 0.5 - Math.abs(u);
            double k = Math.floor((2 * a / uShifted + b) * u + rate + 0.43);
            if (k > highest) continue;
            if (uShifted >= 0.07 && v <= 0.9277 - 3.6224 / (b - 2)) return k;
            if (k < 0 || (uShifted < 0.013 && v > uShifted)) continue;
            double s = Math.log(v * invAlpha / (a / (uShifted * uShifted) + b));
            double t = -rate + k * logRate - logFactorial(k);
            if (s <= t) return k;
        }
    }

    /** lgamma(k + 1) for a whole k >= 0: the product while it stays accurate, then Stirling's series. */
    static double logFactorial(double k) {
        if (k < 2) return 0;
        if (k <= 170) {
            double p = 1;
            for (int i = 2; i <= (int) k; i++) p *= i;
            return Math.log(p);
        }
        double n = k;
        double inv = 1 / n;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)));
        return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + series;
    }

    /**
     * RandomShuffle's permutation of {@code size} rows: Fisher–Yates from the front with one uint32 per step
     * ({@code word % remaining}), as TF's own shuffle (exactly size - 1 draws). Output row i is input row perm[i].
     */
    public static long[] shufflePermutation(Philox4x32 gen, int size) {
        PhiloxSingle single = new PhiloxSingle(gen);
        long[] perm = new long[size];
        for (int i = 0; i < size; i++) perm[i] = i;
        for (int i = 0; i < size - 1; i++) {
            int j = i + Integer.remainderUnsigned(single.nextInt(), size - i);
            long t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    /**
     * Multinomial as TF's CPU kernel runs it in one shard: rows in order from one stream, each sample the first
     * class whose running sum of {@code exp(logit - max)} (finite logits only, in double) exceeds
     * {@code uniform * total}.
     */
    public static long[] multinomial(Philox4x32 gen, double[][] logits, int numSamples) {
        PhiloxSingle single = new PhiloxSingle(gen);
        int classes = logits.length == 0 ? 0 : logits[0].length;
        long[] out = new long[logits.length * numSamples];
        double[] cdf = new double[classes];
        for (int b = 0; b < logits.length; b++) {
            double[] row = logits[b];
            double max = -Double.MAX_VALUE;
            for (double l : row) if (Double.isFinite(l)) max = Math.max(max, l);
            double total = 0;
            for (int j = 0; j < classes; j++) {
                if (Double.isFinite(row[j])) total += Math.exp(row[j] - max);
                cdf[j] = total;
            }
            for (int s = 0; s < numSamples; s++) {
                double toFind = single.nextDouble() * total;
                int idx = 0;
                while (idx < classes && cdf[idx] <= toFind) idx++;
                out[b * numSamples + s] = idx;
            }
        }
        return out;
    }
}
