package org.tf2torch.validation.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tf2torch.ir.DType;
import org.tf2torch.validation.io.NdArray;

class ComparatorTest {
    private static final Tolerances TOL = Tolerances.defaults();
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    private static OutputComparison f32(float[] e, float[] a) {
        return Comparator.compare("y", NdArray.of(e), NdArray.of(a), TOL);
    }

    @Test
    void identicalPasses() {
        OutputComparison c = f32(new float[] {1, -2, 3}, new float[] {1, -2, 3});
        assertTrue(c.passed());
        assertEquals(0, c.maxAbsErr());
        assertEquals(0, c.maxRelErr());
        assertEquals(0, c.mismatches());
        assertEquals(3, c.elements());
        assertEquals(3, c.histogram().count(0));
        assertNull(c.worst());
        assertNull(c.problem());
    }

    @Test
    void nanEqualsNanOnly() {
        assertTrue(f32(new float[] {Float.NaN, 1}, new float[] {Float.NaN, 1}).passed());
        OutputComparison c = f32(new float[] {Float.NaN, 1}, new float[] {0, 1});
        assertFalse(c.passed());
        assertEquals(1, c.mismatches());
        assertEquals(INF, c.maxAbsErr());
        assertEquals(1, c.histogram().count(ErrorHistogram.BUCKETS - 1));
        assertEquals(0, c.worst().index());
        assertTrue(Double.isNaN(c.worst().expected()));
        assertFalse(f32(new float[] {1}, new float[] {Float.NaN}).passed());
    }

    @Test
    void infinityEqualsOnlyTheSameInfinity() {
        float inf = Float.POSITIVE_INFINITY;
        assertTrue(f32(new float[] {inf, -inf}, new float[] {inf, -inf}).passed());
        assertFalse(f32(new float[] {inf}, new float[] {-inf}).passed());
        // An infinite reference must not turn atol + rtol*|e| into a tolerance for anything.
        OutputComparison finite = f32(new float[] {inf}, new float[] {3e38f});
        assertFalse(finite.passed());
        assertEquals(INF, finite.maxAbsErr());
        assertFalse(f32(new float[] {1}, new float[] {inf}).passed());
    }

    @Test
    void allcloseBoundary() {
        // f32 default: |a - e| <= 1e-5 + 1e-4 * |e|; in f64 so the boundary is not blurred by float rounding.
        Tolerance t = TOL.forDType(DType.F32);
        NdArray e = NdArray.of(new double[] {100});
        assertTrue(Comparator.compare("y", e, NdArray.of(new double[] {100.01}), t).passed());
        OutputComparison out = Comparator.compare("y", e, NdArray.of(new double[] {100.0102}), t);
        assertFalse(out.passed());
        assertEquals(1.02e-4, out.maxRelErr(), 1e-9);
        assertTrue(out.problem().contains("1 of 1 elements outside rtol=1.00e-04 atol=1.00e-05"), out.problem());
    }

    @Test
    void relativeErrorIgnoresZeroReferences() {
        OutputComparison c = f32(new float[] {0, 2}, new float[] {1e-6f, 2});
        assertTrue(c.passed()); // atol alone judges the zero
        assertEquals(0, c.maxRelErr());
        assertEquals(1e-6, c.maxAbsErr(), 1e-12);
        OutputComparison bad = f32(new float[] {0, 2}, new float[] {1, 2.2f});
        assertFalse(bad.passed());
        assertEquals(0.1, bad.maxRelErr(), 1e-6);
        assertEquals(1, bad.maxAbsErr(), 1e-6);
        assertEquals(2, bad.mismatches());
        assertEquals(0, bad.worst().index()); // furthest outside: the zero, which only has atol
    }

    @Test
    void integersAndBooleansAreExact() {
        NdArray e = NdArray.of(new int[] {1, 2, 3});
        assertTrue(Comparator.compare("i", e, NdArray.of(new int[] {1, 2, 3}), TOL).passed());
        OutputComparison c = Comparator.compare("i", e, NdArray.of(new int[] {1, 2, 4}), TOL);
        assertFalse(c.passed());
        assertEquals(1, c.maxAbsErr());
        assertEquals(Tolerance.EXACT, c.tolerance());
        long big = 1L << 53;
        OutputComparison l = Comparator.compare("l", NdArray.of(new long[] {big}), NdArray.of(new long[] {big + 1}),
                TOL);
        assertFalse(l.passed()); // equal as doubles, different as int64
        assertTrue(l.maxAbsErr() > 0);
        assertFalse(Comparator.compare("b", NdArray.of(new boolean[] {true, false}),
                NdArray.of(new boolean[] {true, true}), TOL).passed());
    }

    @Test
    void shapeMismatch() {
        OutputComparison same = Comparator.compare("y", NdArray.of(new float[] {1, 2}, 2, 1),
                NdArray.of(new float[] {1, 2}, 2), TOL);
        assertFalse(same.passed());
        assertFalse(same.shapeMatch());
        assertEquals(0, same.maxAbsErr()); // same count: values still compared
        assertTrue(same.problem().startsWith("shape f32[2] differs from TensorFlow's f32[2,1]"), same.problem());
        OutputComparison other = Comparator.compare("y", NdArray.of(new float[] {1, 2}),
                NdArray.of(new float[] {1, 2, 3}), TOL);
        assertFalse(other.passed());
        assertTrue(Double.isNaN(other.maxAbsErr()));
        assertEquals(2, other.mismatches());
        assertEquals(0, other.histogram().total());
    }

    @Test
    void dtypeMismatch() {
        OutputComparison c = Comparator.compare("y", NdArray.of(new long[] {1, 2}), NdArray.of(new int[] {1, 2}), TOL);
        assertFalse(c.passed());
        assertTrue(c.shapeMatch());
        assertFalse(c.dtypeMatch());
        assertEquals(0, c.mismatches());
        assertTrue(c.problem().contains("dtype i32 differs from TensorFlow's i64"), c.problem());
    }

    @Test
    void halfPrecisionUsesItsTolerance() {
        NdArray e = NdArray.ofDoubles(DType.F16, new double[] {1.0, 2.0});
        NdArray a = NdArray.ofDoubles(DType.F16, new double[] {1.005, 2.0});
        assertTrue(Comparator.compare("h", e, a, TOL).passed());
        assertFalse(Comparator.compare("h", e, a, TOL.with(DType.F16, new Tolerance(1e-4, 1e-5))).passed());
    }

    @Test
    void histogramBuckets() {
        OutputComparison c = f32(new float[] {0, 0, 0, 0}, new float[] {0, 3e-6f, 5e-3f, 1000});
        long[] h = c.histogram().counts();
        assertEquals(1, h[0]);
        assertEquals(1, h[ErrorHistogram.labels().indexOf("1e-6..1e-5")]);
        assertEquals(1, h[ErrorHistogram.labels().indexOf("1e-3..1e-2")]);
        assertEquals(1, h[ErrorHistogram.BUCKETS - 2]);
        assertEquals(4, c.histogram().total());
    }

    @Test
    void compareAllFindsMissingAndExtraOutputs() {
        Map<String, NdArray> tf = new LinkedHashMap<>();
        tf.put("a", NdArray.of(new float[] {1}));
        tf.put("b", NdArray.of(new float[] {2}));
        Map<String, NdArray> pt = new LinkedHashMap<>();
        pt.put("b", NdArray.of(new float[] {2}));
        pt.put("c", NdArray.of(new float[] {3}));
        List<OutputComparison> l = Comparator.compareAll(tf, pt, TOL);
        assertEquals(List.of("a", "b", "c"), l.stream().map(OutputComparison::name).toList());
        assertFalse(l.get(0).passed());
        assertNull(l.get(0).actual());
        assertTrue(l.get(0).problem().startsWith("missing"), l.get(0).problem());
        assertTrue(l.get(1).passed());
        assertNull(l.get(2).expected());
        assertTrue(l.get(2).problem().startsWith("not a TensorFlow output"));
    }

    @Test
    void mergeTakesMaximaAndSums() {
        OutputComparison s0 = f32(new float[] {1, 2}, new float[] {1, 2});
        OutputComparison s1 = f32(new float[] {1, 2}, new float[] {1, 3});
        OutputComparison m = OutputComparison.merge(List.of(s0, s1));
        assertFalse(m.passed());
        assertEquals(1, m.maxAbsErr(), 1e-6);
        assertEquals(1, m.mismatches());
        assertEquals(4, m.elements());
        assertEquals(4, m.histogram().total());
        assertNotNull(m.worst());
        OutputComparison missing = Comparator.missing("y", NdArray.of(new float[] {1, 2}), TOL);
        assertTrue(Double.isNaN(OutputComparison.merge(List.of(s0, missing)).maxAbsErr()));
    }
}
