package org.tf2torch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tf2torch.cli.zoo.CaseResult;
import org.tf2torch.cli.zoo.CaseStore;
import org.tf2torch.cli.zoo.Jobs;
import org.tf2torch.cli.zoo.ManifestException;
import org.tf2torch.cli.zoo.Preflight;
import org.tf2torch.cli.zoo.Progress;
import org.tf2torch.cli.zoo.RunOptions;
import org.tf2torch.cli.zoo.Shard;
import org.tf2torch.cli.zoo.ZooCase;
import org.tf2torch.cli.zoo.ZooManifest;
import org.tf2torch.cli.zoo.ZooReports;
import org.tf2torch.cli.zoo.ZooRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tf2torch zoo DIR|MANIFEST -o OUT}: convert and validate every model of a zoo, resumably. */
@Command(name = "zoo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        subcommands = ZooMergeCommand.class,
        description = "Convert and validate every case under DIR (folders with case.json, SavedModel folders, .pb "
                + "files) or listed in MANIFEST.yaml, keep going after failures, and write OUT/summary.json, "
                + "summary.md, summary.html and junit.xml. Finished cases are recorded under OUT/cases; a rerun "
                + "skips those whose model, options and tool version are unchanged. Exit status 0 when the run "
                + "completed, whatever the cases' outcomes. See docs/zoo.md.")
final class ZooCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR|MANIFEST",
            description = "Folder holding the cases, or a manifest (.yaml) listing them.")
    Path dir;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Folder for the results.")
    Path output;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Cases run at once, each on its own worker JVM; 1 runs in this JVM. Default: cores, as far "
                    + "as free memory allows (here ${DEFAULT-VALUE}).")
    int jobs = Jobs.byDefault();

    @Option(names = "--isolate", description = "Use a worker JVM even with --jobs 1, so a native crash costs one case.")
    boolean isolate;

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds per case (default: ${DEFAULT-VALUE}).")
    long timeout;

    @Option(names = "--python", defaultValue = "none",
            description = "Python with torch to also check model.py ('none' to skip; default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--filter", paramLabel = "PREFIX", description = "Only cases whose id starts with PREFIX.")
    String filter;

    @Option(names = "--tags", split = ",", paramLabel = "TAG", description = "Only manifest models with one of these tags.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--shard", paramLabel = "I/N", description = "Run shard I of N (0-based); see --shard-count.")
    String shard;

    @Option(names = "--shard-count", paramLabel = "N", description = "Number of shards; the index comes from "
            + "JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or TF2TORCH_SHARD_INDEX.")
    Integer shardCount;

    @Option(names = "--preflight", description = "Only import every model and rank the missing TF ops by how many "
            + "models each blocks; converts and runs nothing.")
    boolean preflight;

    @Option(names = "--fresh", description = "Ignore results recorded by earlier runs in OUT.")
    boolean fresh;

    @Option(names = "--retry-errors", description = "Redo the cases an earlier run recorded as error (crashes, timeouts).")
    boolean retryErrors;

    @Option(names = "--bench", description = "Time TF and PyTorch per case for the speed ratio (cases that run TF).")
    boolean bench;

    @Option(names = "--progress-interval", defaultValue = "10", paramLabel = "SECONDS",
            description = "Seconds between progress lines when the output is not a terminal (default: ${DEFAULT-VALUE}).")
    long progressInterval;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (dir == null) throw new UserException("give DIR or MANIFEST.yaml (or use `tf2torch zoo merge`).");
        if (!Files.isDirectory(dir) && !Files.isRegularFile(dir)) throw new UserException(dir + " does not exist.");
        if (output == null && !preflight) throw new UserException("give the output folder with -o OUT.");
        if (jobs < 1) throw new UserException("--jobs must be at least 1.");
        Shard sh;
        try {
            sh = Shard.resolve(shard, shardCount, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        List<ZooCase> cases = select(sh);
        PrintWriter out = spec.commandLine().getOut();
        if (preflight) return preflight(cases, out);
        Files.createDirectories(output);
        try (FileChannel lockFile = FileChannel.open(output.resolve(".zoo.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
            if (lock == null) throw new UserException("another zoo run is writing to " + output + ".");
            return run(cases, sh, out);
        }
    }

    private List<ZooCase> select(Shard sh) throws IOException {
        List<ZooCase> cases;
        try {
            cases = ZooManifest.isManifest(dir) ? ZooManifest.read(dir) : ZooCase.find(dir);
        } catch (ManifestException e) {
            throw new UserException(e.getMessage());
        }
        cases = cases.stream().filter(c -> filter == null || c.id().startsWith(filter))
                .filter(c -> tags.isEmpty() || c.spec().tags().stream().anyMatch(tags::contains))
                .filter(c -> sh.contains(c.id())).toList();
        if (cases.isEmpty()) throw new UserException("no cases found under " + dir + ".");
        return cases;
    }

    private int run(List<ZooCase> cases, Shard sh, PrintWriter out) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        RunOptions opts = new RunOptions(output.toAbsolutePath(), timeout, python, bench, 3, 20);
        CaseStore store = new CaseStore(output);
        store.cleanLeftovers();
        ZooRun.Plan plan = ZooRun.plan(cases, store, opts, fresh, retryErrors);
        int workers = Math.min(jobs, Math.max(1, plan.todo().size()));
        out.printf("%d cases%s: %d recorded by an earlier run, %d to run on %s%n", cases.size(),
                sh.isAll() ? "" : " in shard " + sh, plan.done().size(), plan.todo().size(),
                jobs == 1 && !isolate ? "this JVM" : workers + " worker JVM(s)");
        out.flush();
        Progress progress = new Progress(out, System.console() != null, progressInterval, cases.size(), plan.done());
        List<CaseResult> results = ZooRun.execute(plan, opts, jobs, isolate, progress);
        ZooReports.writeAll(output, dir.toString(), results, sh);
        Map<CaseResult.Status, Integer> t = ZooReports.totals(results);
        out.printf("%d cases in %.1f s: %s%nwrote %s and summary.html%n", results.size(), (System.nanoTime() - t0) / 1e9,
                t, output.resolve("summary.json"));
        out.flush();
        return ExitCodes.OK;
    }

    private int preflight(List<ZooCase> cases, PrintWriter out) throws IOException {
        Preflight.Result r = Preflight.run(cases, id -> { });
        out.print(Preflight.table(r, false));
        if (output != null) {
            Files.createDirectories(output);
            Preflight.write(output, dir.toString(), r);
            out.println("wrote " + output.resolve("preflight.md") + " and preflight.json");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
