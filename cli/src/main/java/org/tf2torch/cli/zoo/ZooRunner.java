package org.tf2torch.cli.zoo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.tf2torch.cli.CaseConverter;
import org.tf2torch.importers.ImportOptions;
import org.tf2torch.importers.UnsupportedOpsException;
import org.tf2torch.ir.json.Json;
import org.tf2torch.validation.ConvertedModel;
import org.tf2torch.validation.ValidationOptions;
import org.tf2torch.validation.Validator;
import org.tf2torch.validation.compare.BackendResult;
import org.tf2torch.validation.compare.ExitStatus;
import org.tf2torch.validation.compare.OutputComparison;
import org.tf2torch.validation.compare.ValidationResult;

/**
 * Converts and validates every case of a zoo, one at a time, each under a timeout. A case that fails, throws
 * or hangs is recorded and the run goes on; a hung case's thread is abandoned (it cannot be stopped safely).
 */
public final class ZooRunner {
    private final Path outRoot;
    private final ValidationOptions validation;
    private final long timeoutSeconds;
    private ExecutorService executor = newExecutor();

    public ZooRunner(Path outRoot, ValidationOptions validation, long timeoutSeconds) {
        this.outRoot = outRoot;
        this.validation = validation;
        this.timeoutSeconds = timeoutSeconds;
    }

    private static ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tf2torch-zoo-case");
            t.setDaemon(true);
            return t;
        });
    }

    public List<CaseResult> runAll(List<ZooCase> cases, Consumer<CaseResult> progress) {
        List<CaseResult> out = new ArrayList<>();
        for (ZooCase c : cases) {
            CaseResult r = runWithTimeout(c);
            out.add(r);
            progress.accept(r);
        }
        executor.shutdownNow();
        return out;
    }

    private CaseResult runWithTimeout(ZooCase c) {
        long t0 = System.nanoTime();
        Future<CaseResult> f = executor.submit(() -> runOne(c, t0));
        try {
            return f.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            executor.shutdownNow();
            executor = newExecutor();
            return error(c, "timed out after " + timeoutSeconds + " s", t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(c, "interrupted", t0);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            return error(c, cause.getClass().getSimpleName() + ": " + cause.getMessage(), t0);
        }
    }

    private CaseResult runOne(ZooCase c, long t0) {
        Path dir = outRoot.resolve("cases").resolve(c.id().replaceAll("[^A-Za-z0-9._-]", "_"));
        ImportOptions io = ImportOptions.defaults();
        Path model = c.model();
        Path reference = null;
        try {
            if (c.caseJson() != null) {
                Map<String, Object> cj = Json.parseObject(Files.readString(c.caseJson(), StandardCharsets.UTF_8));
                model = c.caseJson().getParent().resolve((String) cj.get("model"));
                if ("savedmodel".equals(cj.get("format"))) {
                    model = c.caseJson().getParent();
                    if (cj.get("signature") != null) io = io.withSignature((String) cj.get("signature"));
                } else {
                    io = io.withOutputs(names(cj.get("outputs"))).withInputs(names(cj.get("inputs")));
                    reference = c.caseJson();
                }
            }
            CaseConverter.convert(model, dir, io);
        } catch (UnsupportedOpsException e) {
            return new CaseResult(c.id(), CaseResult.Status.UNSUPPORTED, null, e.report().unsupportedOps(),
                    firstLine(e.report().format(), 2), seconds(t0));
        } catch (RuntimeException | java.io.IOException | StackOverflowError | OutOfMemoryError e) {
            return error(c, "conversion failed: " + e.getMessage(), t0);
        }
        ValidationOptions vo = new ValidationOptions(validation.inputs(), validation.samples(), null, reference,
                validation.tolerances(), validation.python(), "cpu", false, 0, 1, 1, null);
        ValidationResult r;
        try {
            r = new Validator(ConvertedModel.read(dir), vo).run();
        } catch (RuntimeException e) {
            return error(c, "validation failed: " + e.getMessage(), t0);
        }
        Double err = maxAbs(r);
        ExitStatus s = r.exitStatus();
        if (s == ExitStatus.PASS) return new CaseResult(c.id(), CaseResult.Status.PASS, err, List.of(), "", seconds(t0));
        if (s == ExitStatus.NUMERICS) {
            return new CaseResult(c.id(), CaseResult.Status.MISMATCH, err, List.of(), problem(r), seconds(t0));
        }
        return new CaseResult(c.id(), CaseResult.Status.ERROR, err, List.of(), problem(r), seconds(t0));
    }

    private static List<String> names(Object list) {
        List<String> out = new ArrayList<>();
        if (list != null) for (Object o : (List<?>) list) out.add((String) ((Map<?, ?>) o).get("name"));
        return out;
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

    private static String firstLine(String s, int lines) {
        if (s == null) return "";
        String[] l = s.split("\n");
        return String.join(" | ", java.util.Arrays.copyOf(l, Math.min(lines, l.length))).trim();
    }

    private static CaseResult error(ZooCase c, String message, long t0) {
        return new CaseResult(c.id(), CaseResult.Status.ERROR, null, List.of(), firstLine(message, 2), seconds(t0));
    }

    private static double seconds(long t0) { return (System.nanoTime() - t0) / 1e9; }
}
