package org.tf2torch.validation.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one PyTorch backend did: whether it loaded and ran, and its comparisons per sample.
 *
 * @param backend {@link #TORCHSCRIPT_DJL}, {@link #PYTHON_EAGER}, {@link #PYTHON_TORCHSCRIPT} or another name
 * @param status  how far it got
 * @param message why it was skipped or failed (the engine's own error); null when it ran
 * @param samples comparisons of the samples it ran, in order (those before a run failure are kept)
 */
public record BackendResult(String backend, Status status, String message, List<SampleComparison> samples) {
    public static final String TORCHSCRIPT_DJL = "torchscript-djl";
    public static final String PYTHON_EAGER = "python-eager";
    public static final String PYTHON_TORCHSCRIPT = "python-torchscript";

    public enum Status {
        /** Loaded and ran every sample; the comparisons decide. */
        RAN,
        /** Not available here (no Python with torch, say); neither passes nor fails the run. */
        SKIPPED,
        /** The converted model did not load: a conversion failure. */
        LOAD_FAILED,
        /** The converted model loaded but a forward call failed: a conversion failure. */
        RUN_FAILED
    }

    public BackendResult {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(status, "status");
        samples = List.copyOf(samples);
    }

    public static BackendResult ran(String backend, List<SampleComparison> samples) {
        return new BackendResult(backend, Status.RAN, null, samples);
    }

    public static BackendResult skipped(String backend, String why) {
        return new BackendResult(backend, Status.SKIPPED, why, List.of());
    }

    public static BackendResult loadFailed(String backend, String error) {
        return new BackendResult(backend, Status.LOAD_FAILED, error, List.of());
    }

    public static BackendResult runFailed(String backend, String error, List<SampleComparison> before) {
        return new BackendResult(backend, Status.RUN_FAILED, error, before);
    }

    /** Ran and every output of every sample passed; a skipped backend has not passed (see {@link #failed()}). */
    public boolean passed() {
        return status == Status.RAN && samples.stream().allMatch(SampleComparison::passed);
    }

    /** Failed to load or run, or ran with an output out of tolerance. */
    public boolean failed() {
        return status == Status.LOAD_FAILED || status == Status.RUN_FAILED || (status == Status.RAN && !passed());
    }

    /** Each output merged over all samples ({@link OutputComparison#merge}), in the first sample's order. */
    public List<OutputComparison> outputs() {
        Map<String, List<OutputComparison>> byName = new LinkedHashMap<>();
        for (SampleComparison s : samples) {
            for (OutputComparison c : s.outputs()) byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
        }
        List<OutputComparison> out = new ArrayList<>();
        for (List<OutputComparison> l : byName.values()) out.add(OutputComparison.merge(l));
        return out;
    }
}
