package org.tf2torch.validation.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.validation.io.NdArray;

/**
 * Compares an output with TensorFlow's using NumPy {@code allclose} semantics: element {@code a} passes against
 * reference {@code e} when {@code |a - e| <= atol + rtol * |e|}, NaN equals NaN, and an infinity equals only the
 * same infinity. Integer pairs are compared as longs so that int64 ids above 2^53 are not rounded into equality.
 *
 * <p>Mismatched shapes or dtypes fail the comparison, but values are still compared when the element counts agree,
 * because "wrong layout" and "wrong values" call for different fixes and the numbers tell which.
 */
public final class Comparator {
    private Comparator() {}

    public static OutputComparison compare(String name, NdArray expected, NdArray actual, Tolerances tolerances) {
        return compare(name, expected, actual, tolerances.forOutput(name, expected.dtype()));
    }

    public static OutputComparison compare(String name, NdArray expected, NdArray actual, Tolerance tol) {
        TypeShape e = TypeShape.of(expected);
        TypeShape a = TypeShape.of(actual);
        boolean shapeMatch = e.sameShape(a);
        boolean dtypeMatch = e.dtype() == a.dtype();
        long n = expected.size();
        if (n != actual.size()) {
            return new OutputComparison(name, e, a, false, dtypeMatch, Double.NaN, Double.NaN, n, n, tol,
                    ErrorHistogram.empty(), null, false);
        }
        Stats s = new Stats(tol);
        boolean exactInts = !expected.dtype().isFloating() && !actual.dtype().isFloating();
        long[] el = exactInts ? expected.toLongArray() : null;
        long[] al = exactInts ? actual.toLongArray() : null;
        for (int i = 0; i < n; i++) {
            if (exactInts) s.addLongs(i, el[i], al[i]);
            else s.addDoubles(i, expected.getDouble(i), actual.getDouble(i));
        }
        boolean passed = shapeMatch && dtypeMatch && s.mismatches == 0;
        return new OutputComparison(name, e, a, shapeMatch, dtypeMatch, s.maxAbs, s.maxRel, s.mismatches, n, tol,
                ErrorHistogram.of(s.histogram), s.worst, passed);
    }

    /** An output TensorFlow gives and PyTorch does not. */
    public static OutputComparison missing(String name, NdArray expected, Tolerances tolerances) {
        long n = expected.size();
        return new OutputComparison(name, TypeShape.of(expected), null, false, false, Double.NaN, Double.NaN, n, n,
                tolerances.forOutput(name, expected.dtype()), ErrorHistogram.empty(), null, false);
    }

    /** An output PyTorch gives and TensorFlow does not. */
    public static OutputComparison unexpected(String name, NdArray actual, Tolerances tolerances) {
        return new OutputComparison(name, null, TypeShape.of(actual), false, false, Double.NaN, Double.NaN,
                actual.size(), 0, tolerances.forOutput(name, actual.dtype()), ErrorHistogram.empty(), null, false);
    }

    /** Every output by name, in TensorFlow's order, then any output only PyTorch has. */
    public static List<OutputComparison> compareAll(Map<String, NdArray> expected, Map<String, NdArray> actual,
            Tolerances tolerances) {
        List<OutputComparison> out = new ArrayList<>();
        for (Map.Entry<String, NdArray> e : expected.entrySet()) {
            NdArray a = actual.get(e.getKey());
            out.add(a == null ? missing(e.getKey(), e.getValue(), tolerances)
                    : compare(e.getKey(), e.getValue(), a, tolerances));
        }
        for (Map.Entry<String, NdArray> a : actual.entrySet()) {
            if (!expected.containsKey(a.getKey())) out.add(unexpected(a.getKey(), a.getValue(), tolerances));
        }
        return out;
    }

    /** Running maxima, counts and the worst violation over one array. */
    private static final class Stats {
        final Tolerance tol;
        final long[] histogram = new long[ErrorHistogram.BUCKETS];
        double maxAbs;
        double maxRel;
        long mismatches;
        double worstViolation = -1;
        OutputComparison.Worst worst;

        Stats(Tolerance tol) {
            this.tol = tol;
        }

        void addLongs(int i, long e, long a) {
            if (e == a) {
                histogram[0]++;
                return;
            }
            double d = Math.abs((double) a - (double) e);
            if (d == 0) d = Math.ulp((double) e); // distinct longs that round to one double still differ
            add(i, e, a, d);
        }

        void addDoubles(int i, double e, double a) {
            boolean eNan = Double.isNaN(e);
            boolean aNan = Double.isNaN(a);
            if ((eNan && aNan) || (!eNan && !aNan && e == a)) {
                histogram[0]++; // also equal infinities, whose difference would be NaN
                return;
            }
            if (eNan || aNan || Double.isInfinite(e) || Double.isInfinite(a)) {
                add(i, e, a, Double.POSITIVE_INFINITY);
                return;
            }
            add(i, e, a, Math.abs(a - e));
        }

        private void add(int i, double e, double a, double d) {
            histogram[ErrorHistogram.bucketOf(d)]++;
            maxAbs = Math.max(maxAbs, d);
            if (Double.isInfinite(d)) maxRel = Double.POSITIVE_INFINITY;
            else if (e != 0) maxRel = Math.max(maxRel, d / Math.abs(e));
            double allowed = tol.atol() + tol.rtol() * Math.abs(e);
            if (d <= allowed && !Double.isInfinite(d)) return; // an infinite reference must not allow everything
            mismatches++;
            double violation = allowed > 0 ? d / allowed : Double.POSITIVE_INFINITY;
            if (violation > worstViolation || worst == null) {
                worstViolation = violation;
                worst = new OutputComparison.Worst(i, e, a);
            }
        }
    }
}
