package org.tf2torch.validation.compare;

import java.util.List;
import java.util.Objects;

/**
 * One output of one backend compared with TensorFlow's, for one sample or merged over several.
 *
 * @param name       output name
 * @param expected   TensorFlow's dtype and shape, or null for an output only PyTorch produced
 * @param actual     PyTorch's dtype and shape, or null for an output PyTorch did not produce
 * @param shapeMatch shapes equal (false when either side is missing)
 * @param dtypeMatch dtypes equal (false when either side is missing)
 * @param maxAbsErr  largest {@code |actual - expected|}; infinite when a NaN or an infinity disagrees; NaN when no
 *                   element was compared (missing side or a different element count)
 * @param maxRelErr  largest {@code |actual - expected| / |expected|} over elements whose expected value is nonzero
 *                   and finite (where it is zero the ratio says nothing, and {@code atol} alone judges); same NaN and
 *                   infinity rules as {@code maxAbsErr}
 * @param mismatches elements outside the tolerance (all of them when none could be compared)
 * @param elements   elements of the expected array
 * @param tolerance  the tolerance applied
 * @param histogram  per-element absolute errors by decade (empty when none were compared)
 * @param worst      the element furthest outside the tolerance, or null when every element passed
 * @param passed     shape, dtype and every element within tolerance
 */
public record OutputComparison(String name, TypeShape expected, TypeShape actual, boolean shapeMatch,
        boolean dtypeMatch, double maxAbsErr, double maxRelErr, long mismatches, long elements, Tolerance tolerance,
        ErrorHistogram histogram, Worst worst, boolean passed) {

    /** The worst element: its C-order index, both values. Values are NaN when the element exists on one side only. */
    public record Worst(long index, double expected, double actual) {}

    public OutputComparison {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(histogram, "histogram");
    }

    /** What is wrong, in one line; null when the comparison passed. */
    public String problem() {
        if (passed) return null;
        if (actual == null) return "missing from the PyTorch outputs (TensorFlow gives " + expected + ")";
        if (expected == null) return "not a TensorFlow output (PyTorch gives " + actual + ")";
        if (!shapeMatch) return "shape " + actual + " differs from TensorFlow's " + expected;
        if (!dtypeMatch) {
            return "dtype " + actual.dtype().irName() + " differs from TensorFlow's " + expected.dtype().irName();
        }
        StringBuilder sb = new StringBuilder().append(mismatches).append(" of ").append(elements)
                .append(" elements outside ").append(tolerance).append(" (max abs err ").append(Format.sci(maxAbsErr))
                .append(", max rel err ").append(Format.sci(maxRelErr));
        if (worst != null) {
            sb.append("; worst at flat index ").append(worst.index()).append(": expected ")
                    .append(Format.value(worst.expected())).append(", got ").append(Format.value(worst.actual()));
        }
        return sb.append(')').toString();
    }

    /**
     * One comparison from several samples of the same output: errors are the maxima, counts and histograms the
     * sums, and the worst element the first failing sample's, so a report shows one row per output.
     */
    public static OutputComparison merge(List<OutputComparison> samples) {
        if (samples.isEmpty()) throw new IllegalArgumentException("nothing to merge");
        OutputComparison first = samples.get(0);
        boolean shape = true;
        boolean dtype = true;
        boolean passed = true;
        double abs = Double.NEGATIVE_INFINITY;
        double rel = Double.NEGATIVE_INFINITY;
        long mismatches = 0;
        long elements = 0;
        ErrorHistogram h = ErrorHistogram.empty();
        Worst worst = null;
        for (OutputComparison c : samples) {
            if (!c.name.equals(first.name)) throw new IllegalArgumentException(c.name + " merged with " + first.name);
            shape &= c.shapeMatch;
            dtype &= c.dtypeMatch;
            passed &= c.passed;
            abs = maxNanFirst(abs, c.maxAbsErr);
            rel = maxNanFirst(rel, c.maxRelErr);
            mismatches += c.mismatches;
            elements += c.elements;
            h = h.plus(c.histogram);
            if (worst == null) worst = c.worst;
        }
        OutputComparison bad = samples.stream().filter(c -> !c.passed).findFirst().orElse(first);
        return new OutputComparison(first.name, bad.expected, bad.actual, shape, dtype, abs, rel, mismatches,
                elements, bad.tolerance, h, worst, passed);
    }

    /** A NaN means "not compared", which must win over any number so a merged row cannot look clean. */
    private static double maxNanFirst(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) return Double.NaN;
        return Math.max(a, b);
    }
}
