package org.tf2torch.cli.zoo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.tf2torch.validation.ValidationOptions;

/**
 * Converts and validates cases in this JVM, one at a time, each under a timeout, and records each finished case
 * in the {@link CaseStore}. A case that fails, throws or hangs is recorded and the run goes on; a hung case's
 * thread is abandoned (it cannot be stopped safely) and whatever it still writes stays hidden and unrecorded.
 * Worker JVMs run cases through this same class, so results do not depend on where a case ran.
 */
public final class ZooRunner {
    private final ValidationOptions validation;
    private final long timeoutSeconds;
    private final CaseStore store;
    private ExecutorService executor = newExecutor();

    public ZooRunner(Path outRoot, ValidationOptions validation, long timeoutSeconds) {
        this.validation = validation;
        this.timeoutSeconds = timeoutSeconds;
        this.store = new CaseStore(outRoot);
    }

    private static ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tf2torch-zoo-case");
            t.setDaemon(true);
            return t;
        });
    }

    /** The options that change a case's result, hashed into its resume key. */
    public Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("python", validation.python());
        m.put("samples", validation.samples());
        m.put("seed", validation.inputs().seed());
        m.put("bench", validation.bench());
        if (validation.bench()) {
            m.put("warmup", validation.warmup());
            m.put("runs", validation.runs());
        }
        return m;
    }

    public String key(ZooCase c) { return CaseKey.of(c, options(), ToolVersion.get()).hex(); }

    /** Runs every case, replacing earlier records; the zoo command's resume logic sits above this. */
    public List<CaseResult> runAll(List<ZooCase> cases, Consumer<CaseResult> progress) {
        List<CaseResult> out = new ArrayList<>();
        for (ZooCase c : cases) {
            CaseResult r = run(c, CaseStore.folderFor(c.id()), key(c));
            out.add(r);
            progress.accept(r);
        }
        close();
        return out;
    }

    public void close() { executor.shutdownNow(); }

    /** Runs one case and records it under {@code folder}; returns the result as recorded. */
    public CaseResult run(ZooCase c, String folder, String key) {
        long t0 = System.nanoTime();
        Path staging = store.stage(folder);
        Future<CaseResult> f = executor.submit(() -> new CaseExecution(c, staging, validation).run(t0));
        CaseResult r;
        try {
            r = f.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            executor.shutdownNow();
            executor = newExecutor();
            return store.record(folder, key, error(c, "timed out after " + timeoutSeconds + " s", t0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return store.record(folder, key, error(c, "interrupted", t0));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return store.record(folder, key, error(c, cause.getClass().getSimpleName() + ": " + cause.getMessage(), t0));
        }
        return store.commit(staging, folder, key, r.withExpect(c.spec().expect()).withReport(CaseStore.link(folder)));
    }

    static CaseResult error(ZooCase c, String message, long t0) {
        return new CaseResult(c.id(), CaseResult.Status.ERROR, null, List.of(), CaseExecution.firstLine(message, 2),
                seconds(t0), null, null, c.spec().expect(), null);
    }

    static double seconds(long t0) { return (System.nanoTime() - t0) / 1e9; }

    static long readParams(Path dir) {
        try {
            Object n = org.tf2torch.ir.json.Json.parseObject(Files.readString(dir.resolve("conversion.json"),
                    StandardCharsets.UTF_8)).get("trainable_parameter_count");
            return n == null ? -1 : ((Number) n).longValue();
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}
