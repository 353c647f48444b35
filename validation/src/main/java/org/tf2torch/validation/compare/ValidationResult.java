package org.tf2torch.validation.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tf2torch.validation.bench.BenchResult;
import org.tf2torch.validation.inputs.InputsInfo;

/**
 * Everything one validation found, which every report renders and the exit status comes from.
 *
 * @param model      what was validated, as the user named it (a path)
 * @param inputs     where the inputs came from
 * @param tolerances the tolerances applied
 * @param backends   one entry per PyTorch backend tried, skipped ones included
 * @param divergence the first diverging node, or null when not localized
 * @param bench      timings, or null without {@code --bench}
 */
public record ValidationResult(String model, InputsInfo inputs, Tolerances tolerances, List<BackendResult> backends,
        Divergence divergence, BenchResult bench) {
    public ValidationResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tolerances, "tolerances");
        backends = List.copyOf(backends);
    }

    public ValidationResult withDivergence(Divergence d) {
        return new ValidationResult(model, inputs, tolerances, backends, d, bench);
    }

    public ValidationResult withBench(BenchResult b) {
        return new ValidationResult(model, inputs, tolerances, backends, divergence, b);
    }

    public ValidationResult withBackend(BackendResult b) {
        List<BackendResult> l = new ArrayList<>(backends);
        l.add(b);
        return new ValidationResult(model, inputs, tolerances, l, divergence, bench);
    }

    public BackendResult backend(String name) {
        for (BackendResult b : backends) if (b.backend().equals(name)) return b;
        return null;
    }

    /**
     * A conversion failure outranks a numeric one, since numbers from a model that partly failed to load mean
     * little; and a run in which no backend ran at all judged nothing, which is an environment problem.
     */
    public ExitStatus exitStatus() {
        boolean ran = false;
        boolean numerics = false;
        for (BackendResult b : backends) {
            if (b.status() == BackendResult.Status.LOAD_FAILED || b.status() == BackendResult.Status.RUN_FAILED) {
                return ExitStatus.CONVERSION;
            }
            if (b.status() == BackendResult.Status.RAN) {
                ran = true;
                numerics |= !b.passed();
            }
        }
        if (numerics) return ExitStatus.NUMERICS;
        if (!ran) return ExitStatus.USAGE_OR_ENVIRONMENT;
        if (bench != null && bench.slowdownExceeded()) return ExitStatus.NUMERICS;
        return ExitStatus.PASS;
    }

    public boolean passed() { return exitStatus() == ExitStatus.PASS; }
}
