package org.tf2torch.validation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tf2torch.validation.bench.BenchResult;
import org.tf2torch.validation.bench.Benchmark;
import org.tf2torch.validation.bench.Timings;
import org.tf2torch.validation.compare.BackendResult;
import org.tf2torch.validation.compare.Comparator;
import org.tf2torch.validation.compare.SampleComparison;
import org.tf2torch.validation.compare.ValidationResult;
import org.tf2torch.validation.inputs.InputFiles;
import org.tf2torch.validation.inputs.BatchRounds;
import org.tf2torch.validation.inputs.InputsInfo;
import org.tf2torch.validation.io.NdArray;
import org.tf2torch.validation.runtime.PythonRunner;
import org.tf2torch.validation.runtime.RunnerException;

/**
 * Runs TensorFlow (or a stored reference) and every available PyTorch side on the same inputs, compares each
 * output, and optionally times both sides. Backends that cannot run are reported, never silently dropped.
 */
public final class Validator {
    private final ConvertedModel model;
    private final ValidationOptions opts;
    private boolean gpu;
    /** The Python the eager side runs in, or null; localization and timing reuse it. */
    private PythonRunner python;

    public Validator(ConvertedModel model, ValidationOptions opts) {
        this.model = model;
        this.opts = opts;
    }

    public ValidationResult run() {
        gpu = Devices.check(opts.device());
        List<Map<String, NdArray>> samples = new ArrayList<>();
        List<Map<String, NdArray>> expected = new ArrayList<>();
        InputsInfo info;
        ReferenceSide tf = null;
        try {
            if (opts.reference() != null) {
                CaseReference ref = CaseReference.read(opts.reference());
                samples.add(byInputKey(ref.inputs()));
                expected.add(byOutputKey(ref.outputs()));
                info = InputFiles.describe(opts.reference().toString(), model.inputSpecs(), samples.get(0));
            } else {
                if (opts.inputsFile() != null) {
                    samples.add(InputFiles.load(opts.inputsFile(), model.inputSpecs()));
                    info = InputFiles.describe(opts.inputsFile().toString(), model.inputSpecs(), samples.get(0));
                } else {
                    BatchRounds.Generated gen = BatchRounds.generate(model.inputSpecs(), opts.inputs(),
                            opts.batchSizes(), opts.samples());
                    samples.addAll(gen.samples());
                    info = gen.info();
                }
                tf = ReferenceSide.open(model, opts.threads());
                for (Map<String, NdArray> s : samples) expected.add(tf.run(s));
            }
            ValidationResult result = new ValidationResult(model.dir().toString(), info, opts.tolerances(), List.of(),
                    null, null);
            List<TorchSide> sides = new ArrayList<>();
            try {
                result = openSides(result, sides);
                for (TorchSide side : sides) result = result.withBackend(compare(side, samples, expected, info));
                result = result.withDivergence(Localization.find(model, result, tf, python, samples, opts.tolerances()));
                if (opts.bench()) result = result.withBench(bench(tf, sides, samples.get(0)));
            } finally {
                for (TorchSide s : sides) s.close();
            }
            return result;
        } catch (RunnerException e) {
            throw new ValidationException("TensorFlow failed running " + model.source() + ": " + e.getMessage(), e);
        } finally {
            if (tf != null) tf.close();
        }
    }

    private ValidationResult openSides(ValidationResult r, List<TorchSide> sides) {
        try {
            sides.add(TorchSide.djl(model, gpu));
        } catch (IOException | RuntimeException e) {
            r = r.withBackend(BackendResult.loadFailed(BackendResult.TORCHSCRIPT_DJL, e.getMessage()));
        }
        if (opts.skipPython()) {
            r = r.withBackend(BackendResult.skipped(BackendResult.PYTHON_EAGER, "--python none"));
            return r.withBackend(BackendResult.skipped(BackendResult.PYTHON_TORCHSCRIPT, "--python none"));
        }
        Optional<PythonRunner> py = PythonRunner.find(opts.python());
        if (py.isEmpty()) {
            if (opts.python() != null) {
                throw new ValidationException("--python " + opts.python() + " is not a Python with torch.");
            }
            String why = "no Python with torch found (tried /usr/bin/python3 and python3)";
            r = r.withBackend(BackendResult.skipped(BackendResult.PYTHON_EAGER, why));
            return r.withBackend(BackendResult.skipped(BackendResult.PYTHON_TORCHSCRIPT, why));
        }
        PythonRunner runner = py.get().withThreads(opts.threads());
        python = runner;
        sides.add(TorchSide.pythonEager(model, runner));
        sides.add(TorchSide.pythonScript(model, runner));
        return r;
    }

    private BackendResult compare(TorchSide side, List<Map<String, NdArray>> samples, List<Map<String, NdArray>> expected,
            InputsInfo info) {
        List<SampleComparison> done = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Map<String, NdArray> actual;
            try {
                actual = new LinkedHashMap<>(side.run(samples.get(i)));
            } catch (RunnerException | IllegalArgumentException e) {
                InputsInfo.Round round = info == null ? null : info.roundOf(i);
                String at = round == null ? "" : "at " + round.label() + " (sample " + i + "): ";
                return BackendResult.runFailed(side.backend, at + e.getMessage(), done);
            }
            actual.values().removeIf(v -> v == null);
            done.add(new SampleComparison(i, Comparator.compareAll(expected.get(i), actual, opts.tolerances())));
        }
        return BackendResult.ran(side.backend, done);
    }

    private BenchResult bench(ReferenceSide tf, List<TorchSide> sides, Map<String, NdArray> inputs) {
        long batch = batchOf(inputs);
        Map<String, Timings> timings = new LinkedHashMap<>();
        if (tf != null) timings.put(BenchResult.TF, Benchmark.measure(() -> tf.run(inputs), opts.warmup(), opts.runs(), batch));
        for (TorchSide s : sides) {
            // Each python call starts a process, so the python sides time themselves inside one process instead.
            if (s.backend.equals(BackendResult.TORCHSCRIPT_DJL)) {
                timings.put(s.backend, Benchmark.measure(() -> s.run(inputs), opts.warmup(), opts.runs(), batch));
                continue;
            }
            try {
                timings.put(s.backend, Benchmark.fromMillis(s.time(inputs, opts.warmup(), opts.runs()), batch));
            } catch (RunnerException | IllegalArgumentException e) {
                // the numeric comparison already reports a side that cannot run; its timing is just absent
            }
        }
        return new BenchResult(opts.threads(), batch, opts.warmup(), opts.runs(), timings, opts.maxSlowdown());
    }

    private static long batchOf(Map<String, NdArray> inputs) {
        for (NdArray a : inputs.values()) if (a.rank() > 0) return a.shape()[0];
        return 1;
    }

    /** Reference arrays are keyed by TF tensor name; the conversion's inputs by signature key. */
    private Map<String, NdArray> byInputKey(Map<String, NdArray> ref) {
        Map<String, NdArray> out = new LinkedHashMap<>();
        for (ConvertedModel.Port p : model.inputs()) {
            NdArray a = ref.get(CaseReference.normalize(p.tfTensor()));
            if (a == null) a = ref.get(CaseReference.normalize(p.name()));
            if (a == null) throw new ValidationException("the reference case has no value for input '" + p.name() + "'");
            out.put(p.name(), a);
        }
        return out;
    }

    private Map<String, NdArray> byOutputKey(Map<String, NdArray> ref) {
        Map<String, NdArray> out = new LinkedHashMap<>();
        for (ConvertedModel.Port p : model.outputs()) {
            NdArray a = ref.get(CaseReference.normalize(p.tfTensor()));
            if (a == null) a = ref.get(CaseReference.normalize(p.name()));
            if (a == null) throw new ValidationException("the reference case has no value for output '" + p.name() + "'");
            out.put(p.name(), a);
        }
        return out;
    }
}
