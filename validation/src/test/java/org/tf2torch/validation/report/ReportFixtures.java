package org.tf2torch.validation.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.validation.bench.BenchResult;
import org.tf2torch.validation.bench.Benchmark;
import org.tf2torch.validation.bench.Timings;
import org.tf2torch.validation.compare.BackendResult;
import org.tf2torch.validation.compare.Comparator;
import org.tf2torch.validation.compare.Divergence;
import org.tf2torch.validation.compare.OutputComparison;
import org.tf2torch.validation.compare.SampleComparison;
import org.tf2torch.validation.compare.Tolerances;
import org.tf2torch.validation.compare.ValidationResult;
import org.tf2torch.validation.inputs.InputGenerator;
import org.tf2torch.validation.inputs.InputOptions;
import org.tf2torch.validation.inputs.InputSpec;
import org.tf2torch.validation.io.NdArray;

/** Results the report tests render: a clean one, and one full of failures and hostile names. */
final class ReportFixtures {
    /** Markup, a CDATA end, NUL, an ANSI escape, quotes, a newline and a right-to-left override. */
    static final String HOSTILE = "<script>alert(\"x\")</script> & ]]> \u0000 \u001b[31m 'q'\nline2 \u202e";

    private ReportFixtures() {}

    static Environment env() {
        return Environment.basic("cpu").withTf("2.18.0").withLibtorch("2.5.1").withPython("3.11.2", "2.5.1");
    }

    static ValidationResult clean() {
        Tolerances tol = Tolerances.defaults();
        InputGenerator g = new InputGenerator(List.of(InputSpec.of("x", DType.F32, -1, 4)), InputOptions.defaults());
        NdArray y = NdArray.of(new float[] {1, 2, 3, 4}, 2, 2);
        NdArray near = NdArray.of(new float[] {1, 2, 3, 4.00001f}, 2, 2);
        List<SampleComparison> samples = List.of(
                new SampleComparison(0, List.of(Comparator.compare("logits", y, y, tol))),
                new SampleComparison(1, List.of(Comparator.compare("logits", y, near, tol))));
        return new ValidationResult("/models/mlp", g.describe(2), tol,
                List.of(BackendResult.ran(BackendResult.TORCHSCRIPT_DJL, samples)), null, null);
    }

    static ValidationResult hostile() {
        Tolerances tol = Tolerances.defaults();
        InputGenerator g = new InputGenerator(List.of(InputSpec.of(HOSTILE, DType.I64, -1)), InputOptions.defaults());
        NdArray e = NdArray.of(new float[] {0, 1, Float.NaN, 4}, 4);
        NdArray a = NdArray.of(new float[] {0, 1.5f, 2, 4}, 4);
        OutputComparison bad = Comparator.compare(HOSTILE, e, a, tol);
        OutputComparison ok = Comparator.compare("probs", e, e, tol);
        OutputComparison shape = Comparator.compare("shape_out", NdArray.of(new float[] {1, 2}, 2, 1),
                NdArray.of(new float[] {1, 2, 3}, 3), tol);
        List<SampleComparison> samples = List.of(new SampleComparison(0, List.of(bad, ok, shape)),
                new SampleComparison(1, List.of(Comparator.compare(HOSTILE, e, e, tol), ok, shape)));
        Map<String, Timings> sides = new LinkedHashMap<>();
        sides.put(BenchResult.TF, Benchmark.fromMillis(new double[] {1.0, 1.2, 1.1}, 2));
        sides.put(BackendResult.TORCHSCRIPT_DJL, Benchmark.fromMillis(new double[] {2.0, 2.5, 2.2}, 2));
        sides.put(HOSTILE, Benchmark.fromMillis(new double[] {0.5, 0.6, 0.7}, 2));
        return new ValidationResult(HOSTILE, g.describe(2), tol.withOutput(HOSTILE, tol.forDType(DType.F32)), List.of(
                BackendResult.ran(BackendResult.TORCHSCRIPT_DJL, samples),
                BackendResult.skipped(BackendResult.PYTHON_EAGER, "no Python with torch " + HOSTILE),
                BackendResult.loadFailed(HOSTILE, "libtorch says " + HOSTILE)),
                new Divergence(BackendResult.TORCHSCRIPT_DJL, 0, HOSTILE, "MatMul", "%m0", 0.5, Double.NaN, HOSTILE),
                new BenchResult(2, 2, 1, 3, sides, 1.5));
    }
}
