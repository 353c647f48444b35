package org.tf2torch.validation.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BenchmarkTest {
    @Test
    void percentilesInterpolateLinearly() {
        double[] s = {1, 2, 3, 4};
        assertEquals(2.5, Benchmark.percentile(s, 50), 1e-12);
        assertEquals(3.7, Benchmark.percentile(s, 90), 1e-12); // rank 2.7 between 3 and 4
        assertEquals(1, Benchmark.percentile(s, 0));
        assertEquals(4, Benchmark.percentile(s, 100));
        assertEquals(7, Benchmark.percentile(new double[] {7}, 90));
        assertThrows(IllegalArgumentException.class, () -> Benchmark.percentile(s, 101));
        assertThrows(IllegalArgumentException.class, () -> Benchmark.percentile(new double[0], 50));
    }

    @Test
    void summarizesFakeTimings() {
        // 1..10 ms in shuffled order, as nanoseconds.
        long[] nanos = {5, 3, 9, 1, 10, 2, 8, 4, 7, 6};
        for (int i = 0; i < nanos.length; i++) nanos[i] *= 1_000_000;
        Timings t = Benchmark.fromNanos(nanos, 8);
        assertEquals(10, t.runs());
        assertEquals(1, t.minMs(), 1e-12);
        assertEquals(10, t.maxMs(), 1e-12);
        assertEquals(5.5, t.p50Ms(), 1e-12);
        assertEquals(9.1, t.p90Ms(), 1e-12);
        assertEquals(5.5, t.meanMs(), 1e-12);
        assertEquals(8 * 1000 / 5.5, t.throughput(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Benchmark.fromMillis(new double[] {-1}, 1));
    }

    @Test
    void measureWarmsUpThenTimesEachRun() {
        AtomicInteger calls = new AtomicInteger();
        Timings t = Benchmark.measure(calls::incrementAndGet, 3, 5, 2);
        assertEquals(8, calls.get());
        assertEquals(5, t.runs());
        assertEquals(2, t.batch());
        assertTrue(t.minMs() <= t.p50Ms() && t.p50Ms() <= t.p90Ms() && t.p90Ms() <= t.maxMs());
        assertThrows(IllegalArgumentException.class, () -> Benchmark.measure(() -> { }, 0, 0));
        assertTrue(Benchmark.defaultThreads() >= 1);
    }

    @Test
    void ratiosAndSlowdownGate() {
        Map<String, Timings> sides = new LinkedHashMap<>();
        sides.put(BenchResult.TF, Benchmark.fromMillis(new double[] {2, 2, 2}, 1));
        sides.put("torchscript-djl", Benchmark.fromMillis(new double[] {3, 3, 3}, 1));
        sides.put("python-eager", Benchmark.fromMillis(new double[] {5, 5, 5}, 1));
        BenchResult free = new BenchResult(4, 1, 2, 3, sides, null);
        assertEquals(Map.of("torchscript-djl", 1.5, "python-eager", 2.5), free.ratios());
        assertTrue(free.tooSlow().isEmpty());
        BenchResult gated = new BenchResult(4, 1, 2, 3, sides, 2.0);
        assertTrue(gated.tooSlow().isEmpty(), "eager Python is reported, not gated");
        BenchResult strict = new BenchResult(4, 1, 2, 3, sides, 1.2);
        assertEquals(List.of("torchscript-djl"), strict.tooSlow());
        assertTrue(strict.slowdownExceeded());
        assertThrows(IllegalArgumentException.class, () -> new BenchResult(4, 1, 2, 3, sides, 0.0));
    }
}
