package org.tf2torch.validation.inputs;

/**
 * SplitMix64 (Steele, Lea and Flood 2014). Written out rather than taken from {@link java.util.SplittableRandom} so
 * that the generated inputs are fixed by this file, not by whichever JDK runs it: a report's seed must reproduce
 * the same tensors years later.
 */
final class SplitMix64 {
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;
    private long state;
    private double spareGaussian = Double.NaN;

    SplitMix64(long seed) {
        this.state = seed;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform on [0, 1) with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean nextBoolean() {
        return nextLong() < 0;
    }

    /** Uniform on [0, bound) for an unsigned bound; rejection keeps it unbiased when bound is no power of two. */
    long nextUnsigned(long bound) {
        if (bound == 0) return nextLong(); // the full 64-bit range
        // Accept only the first 2^64-1-rem values, a whole number of blocks of size bound.
        long accept = -1L - Long.remainderUnsigned(-1L, bound);
        while (true) {
            long r = nextLong();
            if (Long.compareUnsigned(r, accept) < 0) return Long.remainderUnsigned(r, bound);
        }
    }

    /** Standard normal by the polar Box-Muller method, which needs no trigonometry and so is exact across JVMs. */
    double nextGaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * f;
        return u * f;
    }
}
