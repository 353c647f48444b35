package org.tf2torch.cli.zoo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.cli.CaseConverter;
import org.tf2torch.importers.UnsupportedOpsException;
import org.tf2torch.validation.ConvertedModel;
import org.tf2torch.validation.ValidationOptions;
import org.tf2torch.validation.Validator;
import org.tf2torch.validation.compare.BackendResult;
import org.tf2torch.validation.compare.ExitStatus;
import org.tf2torch.validation.compare.OutputComparison;
import org.tf2torch.validation.compare.Tolerances;
import org.tf2torch.validation.compare.ValidationResult;
import org.tf2torch.validation.inputs.InputOptions;
import org.tf2torch.validation.report.HtmlReport;

/** One case's work in its staging folder: convert, validate, write the case's report, say what happened. */
final class CaseExecution {
    /** Test hook: slows every case down, so a test can kill a run while it is busy. */
    private static final long TEST_DELAY_MS = Long.getLong("tf2torch.zoo.testDelayMs", 0);

    private final ZooCase c;
    private final Path dir;
    private final ValidationOptions validation;

    CaseExecution(ZooCase c, Path dir, ValidationOptions validation) {
        this.c = c;
        this.dir = dir;
        this.validation = validation;
    }

    CaseResult run(long t0) throws IOException, InterruptedException {
        if (TEST_DELAY_MS > 0) Thread.sleep(TEST_DELAY_MS);
        CaseResult r = convertAndValidate(t0);
        if (!Files.exists(dir.resolve(CaseStore.REPORT))) {
            Files.writeString(dir.resolve(CaseStore.REPORT), CaseReport.failure(r), StandardCharsets.UTF_8);
        }
        return r;
    }

    private CaseResult convertAndValidate(long t0) throws IOException {
        CaseSetup setup;
        try {
            setup = CaseSetup.of(c);
            CaseConverter.convert(setup.model(), dir, setup.io());
        } catch (UnsupportedOpsException e) {
            return result(CaseResult.Status.UNSUPPORTED, null, e.report().unsupportedOps(),
                    firstLine(e.report().format(), 2), t0, null, null);
        } catch (RuntimeException | IOException | StackOverflowError | OutOfMemoryError e) {
            return result(CaseResult.Status.ERROR, null, List.of(), "conversion failed: " + e.getMessage(), t0, null, null);
        }
        long p = ZooRunner.readParams(dir);
        Long params = p < 0 ? null : p;
        ValidationResult r;
        try {
            r = new Validator(ConvertedModel.read(dir), options(setup.reference())).run();
        } catch (RuntimeException e) {
            return result(CaseResult.Status.ERROR, null, List.of(), "validation failed: " + e.getMessage(), t0, params, null);
        }
        HtmlReport.write(dir.resolve(CaseStore.REPORT), r, null);
        Double err = maxAbs(r);
        Double ratio = r.bench() == null ? null : r.bench().ratios().get(BackendResult.TORCHSCRIPT_DJL);
        ExitStatus s = r.exitStatus();
        if (s == ExitStatus.PASS) return result(CaseResult.Status.PASS, err, List.of(), "", t0, params, ratio);
        CaseResult.Status status = s == ExitStatus.NUMERICS ? CaseResult.Status.MISMATCH : CaseResult.Status.ERROR;
        return result(status, err, List.of(), problem(r), t0, params, ratio);
    }

    /** The run's options with the manifest entry's tolerances and dimension sizes on top. */
    private ValidationOptions options(Path reference) {
        CaseSpec s = c.spec();
        Tolerances tol = validation.tolerances();
        if (s.rtol() != null || s.atol() != null) tol = tol.withFloating(s.rtol(), s.atol());
        InputOptions in = validation.inputs();
        if (!s.dims().isEmpty()) {
            Map<String, Long> dims = new LinkedHashMap<>(in.dims());
            dims.putAll(s.dims());
            in = in.withDims(dims);
        }
        return new ValidationOptions(in, validation.samples(), null, reference, tol, validation.python(), "cpu",
                validation.bench(), validation.warmup(), validation.runs(), 1, null);
    }

    private CaseResult result(CaseResult.Status s, Double err, List<String> ops, String msg, long t0, Long params,
                              Double ratio) {
        // Messages name the case folder relative to OUT, never the hidden staging folder: results must not depend
        // on its random name or on where OUT is (shards on different machines merge into one summary).
        String name = dir.getFileName().toString();
        String visible = "cases/" + name.substring(1, name.lastIndexOf(".partial-"));
        return new CaseResult(c.id(), s, err, ops, firstLine(msg, 2).replace(dir.toString(), visible),
                ZooRunner.seconds(t0), params, ratio, null, null);
    }

    private static Double maxAbs(ValidationResult r) {
        Double m = null;
        for (BackendResult b : r.backends()) {
            for (OutputComparison o : b.outputs()) {
                if (!Double.isNaN(o.maxAbsErr())) m = m == null ? o.maxAbsErr() : Math.max(m, o.maxAbsErr());
            }
        }
        return m;
    }

    private static String problem(ValidationResult r) {
        for (BackendResult b : r.backends()) {
            if (b.status() != BackendResult.Status.RAN && b.status() != BackendResult.Status.SKIPPED) {
                return b.backend() + ": " + firstLine(b.message(), 1);
            }
            for (OutputComparison o : b.outputs()) if (!o.passed()) return b.backend() + " " + o.name() + ": " + o.problem();
        }
        return "no PyTorch backend ran";
    }

    static String firstLine(String s, int lines) {
        if (s == null) return "";
        String[] l = s.split("\n");
        return String.join(" | ", Arrays.copyOf(l, Math.min(lines, l.length))).trim();
    }
}
