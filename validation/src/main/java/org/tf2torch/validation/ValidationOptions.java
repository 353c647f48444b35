package org.tf2torch.validation;

import java.nio.file.Path;
import org.tf2torch.validation.compare.Tolerances;
import org.tf2torch.validation.inputs.InputOptions;

/**
 * How to validate: inputs (generated, or from a file, or from a corpus case's reference), tolerances, which
 * PyTorch sides to run, benchmarking, and the device.
 *
 * @param python path of a Python with torch; null to look for one; "none" to skip the python checks
 * @param reference a corpus {@code case.json} whose stored inputs and TF outputs replace running TF
 * @param batchSizes batch sizes for random inputs whose first dim is dynamic, one run each; empty: the default
 *                   size, then one more (see {@link org.tf2torch.validation.inputs.BatchRounds})
 */
public record ValidationOptions(InputOptions inputs, int samples, Path inputsFile, Path reference,
                                Tolerances tolerances, String python, String device, boolean bench, int warmup,
                                int runs, int threads, Double maxSlowdown, java.util.List<Long> batchSizes) {
    public ValidationOptions {
        batchSizes = java.util.List.copyOf(batchSizes);
    }

    /** Default batch sizes. */
    public ValidationOptions(InputOptions inputs, int samples, Path inputsFile, Path reference, Tolerances tolerances,
            String python, String device, boolean bench, int warmup, int runs, int threads, Double maxSlowdown) {
        this(inputs, samples, inputsFile, reference, tolerances, python, device, bench, warmup, runs, threads,
                maxSlowdown, java.util.List.of());
    }

    public ValidationOptions withBatchSizes(java.util.List<Long> sizes) {
        return new ValidationOptions(inputs, samples, inputsFile, reference, tolerances, python, device, bench, warmup,
                runs, threads, maxSlowdown, sizes);
    }

    public static ValidationOptions defaults() {
        return new ValidationOptions(InputOptions.defaults(), 3, null, null, Tolerances.defaults(), null, "cpu",
                false, 5, 20, Runtime.getRuntime().availableProcessors(), null);
    }

    public boolean skipPython() { return "none".equals(python); }
}
