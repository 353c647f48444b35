package org.tf2torch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tf2torch.validation.ValidationOptions;
import org.tf2torch.validation.compare.Tolerances;
import org.tf2torch.validation.inputs.InputOptions;
import org.tf2torch.validation.inputs.IntRange;
import picocli.CommandLine.Option;

/** Options of {@code validate} and {@code check}: inputs, tolerances, backends, benchmark and reports. */
final class ValidationCliOptions {
    @Option(names = "--seed", defaultValue = "0", description = "Seed of the random inputs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dim", paramLabel = "NAME=SIZE", description = "Size of a dynamic dimension, e.g. batch=4 or "
            + "input:1=128 (repeatable). Defaults: batch 2, others 4.")
    List<String> dims = new ArrayList<>();

    @Option(names = "--int-range", paramLabel = "LO:HI", description = "Range [LO, HI) of integer inputs (default 0:10).")
    String intRange;

    @Option(names = "--samples", defaultValue = "3", description = "Random input batches to compare (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--batch-sizes", paramLabel = "N,M", split = ",", description = "Batch sizes to run random"
            + " inputs at where an input's first dim is dynamic: all samples at the first, one more sample at each"
            + " other (default: the batch size --dim gives or 2, then one more). One size runs only that one.")
    List<Long> batchSizes = new ArrayList<>();

    @Option(names = "--inputs", paramLabel = "FILE", description = "Inputs from an .npz file or a folder of .npy files instead of random ones.")
    Path inputs;

    @Option(names = "--reference", paramLabel = "CASE.json", description = "Compare with the inputs and outputs stored in a corpus case.json instead of running TensorFlow.")
    Path reference;

    @Option(names = "--rtol", description = "Relative tolerance for floating outputs (default per dtype: f32 1e-4).")
    Double rtol;

    @Option(names = "--atol", description = "Absolute tolerance for floating outputs (default per dtype: f32 1e-5).")
    Double atol;

    @Option(names = "--python", paramLabel = "PATH", description = "Python with torch for the model.py check; 'none' skips it (default: /usr/bin/python3, then python3).")
    String python;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or cuda (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--bench", description = "Also time TensorFlow and PyTorch (p50/p90 latency, throughput).")
    boolean bench;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed runs before timing (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--runs", defaultValue = "30", description = "Timed runs per side (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--threads", description = "Intra-op threads on both sides (default: the core count).")
    Integer threads;

    @Option(names = "--max-slowdown", paramLabel = "X", description = "Fail (exit 3) when PyTorch's p50 is more than X times TF's.")
    Double maxSlowdown;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON report.")
    Path json;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report (for CI systems).")
    Path junit;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report.")
    Path html;

    int threads() { return threads != null ? threads : Runtime.getRuntime().availableProcessors(); }

    ValidationOptions toOptions() {
        if (samples < 1) throw new UserException("--samples must be at least 1.");
        if (runs < 1 || warmup < 0) throw new UserException("--runs must be at least 1 and --warmup at least 0.");
        InputOptions in = InputOptions.defaults().withSeed(seed);
        try {
            if (!dims.isEmpty()) in = in.withDims(InputOptions.parseDims(dims));
            if (intRange != null) in = in.withIntRange(IntRange.parse(intRange));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        Tolerances tol = Tolerances.defaults();
        if (rtol != null || atol != null) tol = tol.withFloating(rtol, atol);
        for (long b : batchSizes) if (b < 1) throw new UserException("--batch-sizes must be at least 1, got " + b + ".");
        return new ValidationOptions(in, samples, inputs, reference, tol, python, device, bench, warmup, runs,
                threads(), maxSlowdown, batchSizes);
    }
}
