package org.tf2torch.cli.zoo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs jobs on worker JVMs, each running up to {@link #THREADS_PER_WORKER} cases at once on threads (sharing one
 * loaded TF, libtorch and JIT) and kept up across cases. A worker that dies (a native crash, the OOM killer)
 * loses the cases in flight on it; each of those is rerun alone on a fresh JVM, so the case that really crashes
 * is found and recorded as {@code error} with the cause, and the others get their true result.
 */
final class WorkerPool {
    /** How many cases one JVM runs at once; more JVMs bound what one crash interrupts and spread the heaps. */
    static final int THREADS_PER_WORKER = 4;
    /** Beyond the case's own timeout, which the worker enforces itself; this catches a worker that hangs whole. */
    private static final long GRACE_SECONDS = 60;
    private final RunOptions opts;
    private final int jobs;
    private final CaseStore store;
    private final Path logDir;
    private final WorkerProcess[] slots;
    private final int[] threads;

    WorkerPool(RunOptions opts, int jobs, CaseStore store) {
        this.opts = opts;
        this.jobs = jobs;
        this.store = store;
        this.logDir = opts.out().toAbsolutePath().resolve("logs");
        int procs = (jobs + THREADS_PER_WORKER - 1) / THREADS_PER_WORKER;
        this.slots = new WorkerProcess[procs];
        this.threads = new int[procs];
        for (int i = 0; i < jobs; i++) threads[i % procs]++;
    }

    List<CaseResult> run(List<ZooJob> todo, Consumer<CaseResult> progress) throws InterruptedException {
        BlockingDeque<ZooJob> queue = new LinkedBlockingDeque<>(todo);
        ConcurrentLinkedQueue<CaseResult> results = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> drivers = new ArrayList<>();
        for (int i = 0; i < Math.min(jobs, todo.size()); i++) {
            int slot = i % slots.length;
            Thread t = new Thread(() -> {
                try {
                    for (ZooJob j; (j = queue.pollFirst()) != null; ) {
                        CaseResult r = runOne(slot, j);
                        results.add(r);
                        synchronized (progress) {
                            progress.accept(r);
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "tf2torch-zoo-driver-" + i);
            drivers.add(t);
            t.start();
        }
        try {
            for (Thread t : drivers) t.join();
        } finally {
            for (WorkerProcess w : slots) if (w != null) w.close();
        }
        if (!failures.isEmpty()) throw new IllegalStateException("a zoo worker failed", failures.peek());
        return new ArrayList<>(results);
    }

    private synchronized WorkerProcess worker(int slot) throws IOException {
        if (slots[slot] == null || !slots[slot].alive()) {
            slots[slot] = WorkerProcess.start(opts, threads[slot], logDir, String.valueOf(slot));
        }
        return slots[slot];
    }

    private CaseResult runOne(int slot, ZooJob j) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        WorkerProcess w = worker(slot);
        WorkerProcess.Answer a = await(w, j);
        if (a.died() && !a.failure().startsWith("timed out")) {
            try (WorkerProcess alone = WorkerProcess.start(opts, 1, logDir, "alone-" + j.folder())) {
                a = await(alone, j);
            }
        }
        if (a.result() != null) return a.result();
        return store.record(j.folder(), j.key(), ZooRunner.error(j.c(), a.failure(), t0));
    }

    private WorkerProcess.Answer await(WorkerProcess w, ZooJob j) throws InterruptedException {
        long limit = opts.timeout() + GRACE_SECONDS;
        try {
            return w.submit(j).get(limit, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            w.kill();
            return new WorkerProcess.Answer(null, "timed out after " + limit + " s; the worker JVM was killed", true);
        } catch (ExecutionException e) {
            return new WorkerProcess.Answer(null, "worker failed: " + e.getCause(), false);
        }
    }
}
