package org.tf2torch.validation.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts of per-element absolute errors in decade buckets: exact, below 1e-12, one bucket per decade from 1e-12 to
 * 1e2, at least 1e2, and non-finite (NaN against a number, or a wrong infinity). Decades because errors of a correct
 * conversion cluster a few decades below the tolerance while a bug shows as a second cluster near 1: the shape tells
 * the two apart at a glance where a single maximum cannot.
 */
public final class ErrorHistogram {
    static final int LOWEST_DECADE = -12;
    static final int HIGHEST_DECADE = 1; // the last full bucket is [1e1, 1e2)
    private static final int DECADES = HIGHEST_DECADE - LOWEST_DECADE + 1;
    /** exact, tiny, decades..., huge, non-finite. */
    public static final int BUCKETS = DECADES + 4;

    private final long[] counts;

    private ErrorHistogram(long[] counts) {
        this.counts = counts;
    }

    public static ErrorHistogram empty() { return new ErrorHistogram(new long[BUCKETS]); }

    public static ErrorHistogram of(long[] counts) {
        if (counts.length != BUCKETS) throw new IllegalArgumentException("need " + BUCKETS + " counts");
        return new ErrorHistogram(counts.clone());
    }

    /** The bucket of one absolute error; NaN and infinity both mean "non-finite". */
    public static int bucketOf(double absErr) {
        if (absErr == 0) return 0;
        if (Double.isNaN(absErr) || Double.isInfinite(absErr)) return BUCKETS - 1;
        if (absErr < Math.pow(10, LOWEST_DECADE)) return 1;
        if (absErr >= Math.pow(10, HIGHEST_DECADE + 1)) return BUCKETS - 2;
        int decade = (int) Math.floor(Math.log10(absErr));
        // log10 may round across a power of ten; the bucket must agree with the printed bounds.
        if (absErr < Math.pow(10, decade)) decade--;
        else if (absErr >= Math.pow(10, decade + 1)) decade++;
        return 2 + Math.max(0, Math.min(DECADES - 1, decade - LOWEST_DECADE));
    }

    /** The smallest error a bucket holds: 0 for the exact and tiny buckets, infinity for the non-finite one. */
    public static double lowerBound(int bucket) {
        if (bucket <= 1) return 0;
        if (bucket == BUCKETS - 1) return Double.POSITIVE_INFINITY;
        return Math.pow(10, LOWEST_DECADE + bucket - 2);
    }

    /** {@code 0}, {@code <1e-12}, {@code 1e-12..1e-11}, ..., {@code >=1e2}, {@code nan/inf}. */
    public static List<String> labels() {
        List<String> out = new ArrayList<>(BUCKETS);
        out.add("0");
        out.add("<1e" + LOWEST_DECADE);
        for (int d = LOWEST_DECADE; d <= HIGHEST_DECADE; d++) out.add("1e" + d + "..1e" + (d + 1));
        out.add(">=1e" + (HIGHEST_DECADE + 1));
        out.add("nan/inf");
        return out;
    }

    public long[] counts() { return counts.clone(); }

    public long count(int bucket) { return counts[bucket]; }

    public long total() {
        long n = 0;
        for (long c : counts) n += c;
        return n;
    }

    public ErrorHistogram plus(ErrorHistogram o) {
        long[] c = counts.clone();
        for (int i = 0; i < c.length; i++) c[i] += o.counts[i];
        return new ErrorHistogram(c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorHistogram h && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(counts); }

    @Override
    public String toString() { return Arrays.toString(counts); }
}
