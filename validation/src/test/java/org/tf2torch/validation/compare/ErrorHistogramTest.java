package org.tf2torch.validation.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorHistogramTest {
    @Test
    void bucketsByDecade() {
        List<String> labels = ErrorHistogram.labels();
        assertEquals(ErrorHistogram.BUCKETS, labels.size());
        assertEquals("0", labels.get(ErrorHistogram.bucketOf(0)));
        assertEquals("<1e-12", labels.get(ErrorHistogram.bucketOf(1e-15)));
        assertEquals("1e-12..1e-11", labels.get(ErrorHistogram.bucketOf(5e-12)));
        assertEquals("1e-6..1e-5", labels.get(ErrorHistogram.bucketOf(3e-6)));
        assertEquals("1e0..1e1", labels.get(ErrorHistogram.bucketOf(1)));
        assertEquals("1e1..1e2", labels.get(ErrorHistogram.bucketOf(99)));
        assertEquals(">=1e2", labels.get(ErrorHistogram.bucketOf(100)));
        assertEquals("nan/inf", labels.get(ErrorHistogram.bucketOf(Double.POSITIVE_INFINITY)));
        assertEquals("nan/inf", labels.get(ErrorHistogram.bucketOf(Double.NaN)));
        for (int d = -11; d <= 1; d++) {
            // An exact power of ten opens its decade, never closes the one below.
            assertEquals(labels.indexOf("1e" + d + "..1e" + (d + 1)), ErrorHistogram.bucketOf(Math.pow(10, d)),
                    "1e" + d);
        }
        assertEquals(1e-12, ErrorHistogram.lowerBound(2));
        assertEquals(100, ErrorHistogram.lowerBound(ErrorHistogram.BUCKETS - 2));
    }

    @Test
    void plusAddsCounts() {
        long[] a = new long[ErrorHistogram.BUCKETS];
        a[3] = 2;
        ErrorHistogram h = ErrorHistogram.of(a).plus(ErrorHistogram.of(a));
        assertEquals(4, h.count(3));
        assertEquals(4, h.total());
        assertEquals(0, ErrorHistogram.empty().total());
    }
}
