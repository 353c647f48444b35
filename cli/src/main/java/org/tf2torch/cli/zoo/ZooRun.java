package org.tf2torch.cli.zoo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One resumable run: split the cases into those an earlier run already recorded with the same key and those to
 * run, then run the rest in this JVM ({@code --jobs 1}) or on worker JVMs. Results come back sorted by id, so
 * they are the same whatever the job count, the order of completion or the number of restarts.
 */
public final class ZooRun {
    /** Cases still to run, biggest first, and results recorded earlier. */
    public record Plan(List<ZooJob> todo, List<CaseResult> done) {}

    private ZooRun() {}

    /** {@code retryErrors}: redo cases recorded as errors (crashes, timeouts), keep the other records. */
    public static Plan plan(List<ZooCase> cases, CaseStore store, RunOptions opts, boolean fresh, boolean retryErrors) {
        Map<String, Object> options = new ZooRunner(opts.out(), opts.validation(), opts.timeout()).options();
        List<ZooJob> todo = new ArrayList<>();
        List<CaseResult> done = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (ZooCase c : cases) {
            String folder = CaseStore.folderFor(c.id());
            // Ids that differ only in characters a file name cannot hold get distinct, stable folders.
            int n = seen.merge(folder, 1, Integer::sum);
            if (n > 1) folder = folder + "~" + Long.toHexString(CaseKey.bucket(c.id()) & 0xffffffffL);
            CaseKey key = CaseKey.of(c, options, ToolVersion.get());
            CaseResult r = fresh ? null : store.done(folder, key.hex());
            if (r != null && retryErrors && r.status() == CaseResult.Status.ERROR) r = null;
            if (r != null) done.add(r.withExpect(c.spec().expect()));
            else todo.add(new ZooJob(c, folder, key.hex(), key.bytes()));
        }
        // Longest first keeps workers busy to the end; size stands in for time.
        todo.sort(Comparator.comparingLong(ZooJob::bytes).reversed().thenComparing(j -> j.c().id()));
        return new Plan(todo, done);
    }

    public static List<CaseResult> execute(Plan plan, RunOptions opts, int jobs, boolean isolate,
                                           Consumer<CaseResult> progress) throws InterruptedException {
        List<CaseResult> all = new ArrayList<>(plan.done());
        if (jobs <= 1 && !isolate) {
            ZooRunner runner = new ZooRunner(opts.out(), opts.validation(), opts.timeout());
            try {
                for (ZooJob j : plan.todo()) {
                    CaseResult r = runner.run(j.c(), j.folder(), j.key());
                    all.add(r);
                    progress.accept(r);
                }
            } finally {
                runner.close();
            }
        } else if (!plan.todo().isEmpty()) {
            all.addAll(new WorkerPool(opts, Math.max(1, jobs), new CaseStore(opts.out())).run(plan.todo(), progress));
        }
        all.sort(Comparator.comparing(CaseResult::id));
        return all;
    }
}
