package org.tf2torch.importers.random;

/**
 * TensorFlow's fixed-sample distributions over a Philox stream (random_distributions.h), filled the way its CPU
 * kernel fills an output ({@code FillPhiloxRandom}): the output is cut into groups, one Philox block per group in
 * order, and the last group is computed whole and cut short. Groups hold four values for 32-bit draws and two for
 * 64-bit ones (a double or int64 takes two words). Values are returned widened (float and half in a double) but
 * equal to what TF stores.
 */
public final class PhiloxDistributions {
    private PhiloxDistributions() {}

    /** Uniform [0, 1) float from the low 23 bits: TF builds 1.m in [1, 2) and subtracts 1, which is exact. */
    public static float uint32ToFloat(int x) { return (x & 0x7fffff) / (float) (1 << 23); }

    /** Uniform [0, 1) double from 52 bits: the low 20 bits of {@code x0} on top, all of {@code x1} below. */
    public static double uint64ToDouble(int x0, int x1) {
        long man = ((long) (x0 & 0xfffff) << 32) | (x1 & 0xffffffffL);
        return man / (double) (1L << 52);
    }

    /** Uniform [0, 1) half from the low 10 bits (exact in a double). */
    public static double uint16ToHalf(int x) { return (x & 0x3ff) / 1024.0; }

    public static double[] uniformFloat(Philox4x32 gen, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i += 4) {
            int[] s = gen.next();
            for (int j = 0; j < 4 && i + j < n; j++) out[i + j] = uint32ToFloat(s[j]);
        }
        return out;
    }

    public static double[] uniformHalf(Philox4x32 gen, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i += 4) {
            int[] s = gen.next();
            for (int j = 0; j < 4 && i + j < n; j++) out[i + j] = uint16ToHalf(s[j]);
        }
        return out;
    }

    /** bfloat16 keeps 7 mantissa bits: TF's {@code Uint16ToBfloat16}. */
    public static double[] uniformBfloat16(Philox4x32 gen, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i += 4) {
            int[] s = gen.next();
            for (int j = 0; j < 4 && i + j < n; j++) out[i + j] = (s[j] & 0x7f) / 128.0;
        }
        return out;
    }

    public static double[] uniformDouble(Philox4x32 gen, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i += 2) {
            int[] s = gen.next();
            out[i] = uint64ToDouble(s[0], s[1]);
            if (i + 1 < n) out[i + 1] = uint64ToDouble(s[2], s[3]);
        }
        return out;
    }

    /** {@code lo + bits % (hi - lo)} with 32-bit words; the range is unsigned so it cannot overflow. */
    public static long[] uniformInt32(Philox4x32 gen, int n, int lo, int hi) {
        int range = hi - lo;
        long[] out = new long[n];
        for (int i = 0; i < n; i += 4) {
            int[] s = gen.next();
            for (int j = 0; j < 4 && i + j < n; j++) out[i + j] = lo + Integer.remainderUnsigned(s[j], range);
        }
        return out;
    }

    /** As {@link #uniformInt32} with 64-bit draws: word 0 low, word 1 high. */
    public static long[] uniformInt64(Philox4x32 gen, int n, long lo, long hi) {
        long range = hi - lo;
        long[] out = new long[n];
        for (int i = 0; i < n; i += 2) {
            int[] s = gen.next();
            for (int j = 0; j < 2 && i + j < n; j++) {
                long bits = (s[2 * j] & 0xffffffffL) | ((long) s[2 * j + 1] << 32);
                out[i + j] = lo + Long.remainderUnsigned(bits, range);
            }
        }
        return out;
    }

    /**
     * Standard normal floats, Box–Muller on word pairs (TF's {@code BoxMullerFloat}); half outputs are these floats
     * rounded to half, as TF computes them. The float steps round where TF's float arithmetic rounds; sin, cos
     * and log come from Java's double versions rounded to float, within an ulp of glibc's float ones.
     */
    public static double[] normalFloat(Philox4x32 gen, int n) {
        double[] out = new double[n];
        float[] pair = new float[2];
        for (int i = 0; i < n; i += 4) {
            int[] s = gen.next();
            for (int j = 0; j < 4; j += 2) {
                boxMullerFloat(s[j], s[j + 1], pair);
                if (i + j < n) out[i + j] = pair[0];
                if (i + j + 1 < n) out[i + j + 1] = pair[1];
            }
        }
        return out;
    }

    /** Standard normal doubles: one Box–Muller pair per block (TF's {@code BoxMullerDouble}). */
    public static double[] normalDouble(Philox4x32 gen, int n) {
        double[] out = new double[n];
        double[] pair = new double[2];
        for (int i = 0; i < n; i += 2) {
            int[] s = gen.next();
            boxMullerDouble(s[0], s[1], s[2], s[3], pair);
            out[i] = pair[0];
            if (i + 1 < n) out[i + 1] = pair[1];
        }
        return out;
    }

    /**
     * TF's TruncatedNormal (|x| < 2, redrawn otherwise): a variable-sample distribution, so every group of four
     * floats (two doubles) reads one word at a time from its own window of the stream, 256 words per output
     * reserved ({@code FillPhiloxRandomTask<..., true>}).
     */
    public static double[] truncatedNormal(Philox4x32 base, int n, boolean isDouble) {
        int group = isDouble ? 2 : 4;
        long skipPerGroup = group * 256L / 4;
        double[] out = new double[n];
        float[] f = new float[2];
        double[] d = new double[2];
        for (int g = 0; g * group < n; g++) {
            Philox4x32 gen = base.copy();
            gen.skip(g * skipPerGroup);
            PhiloxSingle single = new PhiloxSingle(gen);
            int filled = 0;
            while (filled < group) {
                if (isDouble) {
                    int x0 = single.nextInt(), x1 = single.nextInt(), x2 = single.nextInt(), x3 = single.nextInt();
                    boxMullerDouble(x0, x1, x2, x3, d);
                } else {
                    int x0 = single.nextInt(), x1 = single.nextInt();
                    boxMullerFloat(x0, x1, f);
                    d[0] = f[0];
                    d[1] = f[1];
                }
                for (int k = 0; k < 2 && filled < group; k++) {
                    if (Math.abs(d[k]) < 2.0) {
                        int at = g * group + filled++;
                        if (at < n) out[at] = d[k];
                    }
                }
            }
        }
        return out;
    }

    public static void boxMullerFloat(int x0, int x1, float[] out) {
        float u1 = uint32ToFloat(x0);
        // TF clamps so that log() never sees 0.
        if (u1 < 1.0e-7f) u1 = 1.0e-7f;
        // 2.0f * M_PI is a double product in C++, rounded to float on assignment.
        float v1 = (float) (2.0 * Math.PI * uint32ToFloat(x1));
        float u2 = (float) Math.sqrt(-2.0f * (float) Math.log(u1));
        out[0] = (float) Math.sin(v1) * u2;
        out[1] = (float) Math.cos(v1) * u2;
    }

    public static void boxMullerDouble(int x0, int x1, int x2, int x3, double[] out) {
        double u1 = uint64ToDouble(x0, x1);
        if (u1 < 1.0e-7) u1 = 1.0e-7;
        double v1 = 2 * Math.PI * uint64ToDouble(x2, x3);
        double u2 = Math.sqrt(-2.0 * Math.log(u1));
        out[0] = Math.sin(v1) * u2;
        out[1] = Math.cos(v1) * u2;
    }
}
