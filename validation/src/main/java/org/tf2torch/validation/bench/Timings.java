package org.tf2torch.validation.bench;

/**
 * Latency summary of one side's timed runs, all in milliseconds.
 *
 * @param runs       timed runs
 * @param batch      items per call, for throughput
 * @param throughput items per second at the mean latency, i.e. the sustained rate of back-to-back calls
 */
public record Timings(int runs, long batch, double minMs, double p50Ms, double p90Ms, double meanMs, double maxMs,
        double throughput) {
    public Timings {
        if (runs < 1) throw new IllegalArgumentException("timings need at least one run");
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
    }
}
