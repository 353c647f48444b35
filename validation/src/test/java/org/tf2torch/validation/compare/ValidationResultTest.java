package org.tf2torch.validation.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tf2torch.validation.bench.BenchResult;
import org.tf2torch.validation.bench.Benchmark;
import org.tf2torch.validation.io.NdArray;

class ValidationResultTest {
    private static final Tolerances TOL = Tolerances.defaults();

    private static BackendResult ran(String name, float actual) {
        OutputComparison c = Comparator.compare("y", NdArray.of(new float[] {1}), NdArray.of(new float[] {actual}),
                TOL);
        return BackendResult.ran(name, List.of(new SampleComparison(0, List.of(c))));
    }

    private static ValidationResult result(BackendResult... b) {
        return new ValidationResult("m", null, TOL, List.of(b), null, null);
    }

    @Test
    void exitStatusPrecedence() {
        assertEquals(ExitStatus.PASS, result(ran("a", 1)).exitStatus());
        assertEquals(ExitStatus.PASS, result(ran("a", 1), BackendResult.skipped("p", "no python")).exitStatus());
        assertEquals(ExitStatus.NUMERICS, result(ran("a", 2)).exitStatus());
        assertEquals(ExitStatus.CONVERSION,
                result(ran("a", 2), BackendResult.loadFailed("b", "bad archive")).exitStatus());
        assertEquals(ExitStatus.CONVERSION, result(BackendResult.runFailed("b", "boom", List.of())).exitStatus());
        assertEquals(ExitStatus.USAGE_OR_ENVIRONMENT, result(BackendResult.skipped("p", "no python")).exitStatus());
        assertEquals(ExitStatus.USAGE_OR_ENVIRONMENT, result().exitStatus());
        assertEquals(3, ExitStatus.NUMERICS.code());
    }

    @Test
    void slowdownGateOnlyWhenAsked() {
        Map<String, org.tf2torch.validation.bench.Timings> sides = Map.of(
                BenchResult.TF, Benchmark.fromMillis(new double[] {1}, 1),
                BackendResult.TORCHSCRIPT_DJL, Benchmark.fromMillis(new double[] {3}, 1));
        ValidationResult r = result(ran("a", 1));
        assertTrue(r.withBench(new BenchResult(1, 1, 0, 1, sides, null)).passed());
        assertTrue(r.withBench(new BenchResult(1, 1, 0, 1, sides, 4.0)).passed());
        assertEquals(ExitStatus.NUMERICS, r.withBench(new BenchResult(1, 1, 0, 1, sides, 2.0)).exitStatus());
    }

    @Test
    void backendAggregates() {
        BackendResult b = ran("a", 2);
        assertTrue(b.failed());
        assertFalse(b.passed());
        assertEquals(1, b.outputs().size());
        assertFalse(BackendResult.skipped("p", "x").failed());
        ValidationResult r = result(b).withDivergence(new Divergence("a", 0, "dense/MatMul", "MatMul", "%m0", 1, 0.5,
                null));
        assertEquals("first divergence at TF node dense/MatMul (MatMul), IR node %m0: max abs err 1.00e+00,"
                + " max rel err 5.00e-01", r.divergence().describe());
        assertEquals(b, r.backend("a"));
    }
}
