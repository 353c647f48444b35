package org.tf2torch.validation.bench;

import java.util.Arrays;

/**
 * Times a call: {@code warmup} untimed calls first (class loading, JIT, allocator and libtorch's lazy kernel
 * selection all make the first calls slow), then {@code runs} calls timed one by one, so that percentiles show the
 * spread a mean would hide.
 */
public final class Benchmark {
    private Benchmark() {}

    /** One intra-op thread per core, the default of {@code --threads}, for both sides alike. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static Timings measure(Runnable call, int warmup, int runs) {
        return measure(call, warmup, runs, 1);
    }

    public static Timings measure(Runnable call, int warmup, int runs, long batch) {
        if (warmup < 0) throw new IllegalArgumentException("warm-up runs must be >= 0, got " + warmup);
        if (runs < 1) throw new IllegalArgumentException("timed runs must be >= 1, got " + runs);
        for (int i = 0; i < warmup; i++) call.run();
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - t0;
        }
        return fromNanos(nanos, batch);
    }

    /** Summarizes latencies measured elsewhere (a Python subprocess times its own calls). */
    public static Timings fromNanos(long[] nanos, long batch) {
        double[] ms = new double[nanos.length];
        for (int i = 0; i < ms.length; i++) ms[i] = nanos[i] / 1e6;
        return fromMillis(ms, batch);
    }

    public static Timings fromMillis(double[] millis, long batch) {
        if (millis.length == 0) throw new IllegalArgumentException("no timings");
        double[] s = millis.clone();
        Arrays.sort(s);
        double sum = 0;
        for (double v : s) {
            if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("bad latency " + v + " ms");
            sum += v;
        }
        double mean = sum / s.length;
        double throughput = mean > 0 ? batch * 1000.0 / mean : Double.POSITIVE_INFINITY;
        return new Timings(s.length, batch, s[0], percentile(s, 50), percentile(s, 90), mean, s[s.length - 1],
                throughput);
    }

    /**
     * The {@code p}-th percentile of sorted values with linear interpolation between closest ranks (NumPy's default
     * method), so p50 of an even count is the mean of the middle two.
     */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) throw new IllegalArgumentException("no values");
        if (!(p >= 0 && p <= 100)) throw new IllegalArgumentException("percentile " + p + " outside [0, 100]");
        double rank = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
