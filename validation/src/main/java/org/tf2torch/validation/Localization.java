package org.tf2torch.validation;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.validation.compare.BackendResult;
import org.tf2torch.validation.compare.Divergence;
import org.tf2torch.validation.compare.SampleComparison;
import org.tf2torch.validation.compare.Tolerances;
import org.tf2torch.validation.compare.ValidationResult;
import org.tf2torch.validation.io.NdArray;
import org.tf2torch.validation.localize.Localizer;
import org.tf2torch.validation.localize.Probe;
import org.tf2torch.validation.runtime.NamedOutputs;
import org.tf2torch.validation.runtime.PythonRunner;
import org.tf2torch.validation.runtime.RunnerException;

/**
 * After an output failed: gathers what naming the first diverging node needs (the live TF graph, model.py run in
 * Python with its locals captured, the conversion's probes.json) and says plainly which of them is missing. Only
 * model.py can show its intermediates, so the TorchScript backends are localized through it too: a bug in the
 * code shows in both, and when model.py's values all match, the report says the difference lies elsewhere.
 */
final class Localization {
    private Localization() {}

    /** The divergence to report, or null when every backend that ran passed. */
    static Divergence find(ConvertedModel model, ValidationResult result, ReferenceSide tf, PythonRunner py,
                           List<Map<String, NdArray>> samples, Tolerances tol) {
        BackendResult failed = firstFailed(result);
        if (failed == null) return null;
        int sample = failingSample(failed);
        String backend = BackendResult.PYTHON_EAGER;
        if (tf == null) {
            return note(failed.backend(), sample, "outputs differ; naming the diverging node needs TensorFlow to "
                    + "compute intermediate values, and a --reference case stores only the outputs");
        }
        if (py == null) {
            return note(failed.backend(), sample, "outputs differ; naming the diverging node needs model.py run in a "
                    + "Python with torch (see --python) to capture its intermediate values");
        }
        try {
            List<Probe> probes = Probe.read(model.dir());
            if (probes.isEmpty()) {
                return note(backend, sample, "outputs differ; the conversion has no " + Probe.FILE
                        + " (made by an older tf2torch): convert again to name the diverging node");
            }
            Map<String, NdArray> kwargs = new LinkedHashMap<>();
            for (ConvertedModel.Port p : model.inputs()) kwargs.put(p.argument(), samples.get(sample).get(p.name()));
            NamedOutputs locals = py.runModuleLocals(model.dir(), model.className(), kwargs,
                    probes.stream().map(Probe::local).distinct().toList());
            return Localizer.localize(probes, locals.asMap(), tf, samples.get(sample), tol, backend, sample);
        } catch (IOException | RunnerException | IllegalArgumentException e) {
            return note(backend, sample, "outputs differ; localizing the diverging node failed: " + e.getMessage());
        }
    }

    /** Numeric failures only: a backend that failed to load or run has no values to localize. */
    private static BackendResult firstFailed(ValidationResult r) {
        BackendResult first = null;
        for (BackendResult b : r.backends()) {
            if (b.status() != BackendResult.Status.RAN || b.passed()) continue;
            if (b.backend().equals(BackendResult.PYTHON_EAGER)) return b;
            if (first == null) first = b;
        }
        return first;
    }

    private static int failingSample(BackendResult b) {
        for (SampleComparison s : b.samples()) if (!s.passed()) return s.sample();
        return 0;
    }

    private static Divergence note(String backend, int sample, String message) {
        return new Divergence(backend, sample, null, null, null, Double.NaN, Double.NaN, message);
    }
}
