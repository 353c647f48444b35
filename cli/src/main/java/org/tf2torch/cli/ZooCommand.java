package org.tf2torch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tf2torch.cli.zoo.CaseResult;
import org.tf2torch.cli.zoo.ZooCase;
import org.tf2torch.cli.zoo.ZooReports;
import org.tf2torch.cli.zoo.ZooRunner;
import org.tf2torch.validation.ValidationOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tf2torch zoo DIR -o OUT}: convert and validate every model under DIR. */
@Command(name = "zoo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Convert and validate every case under DIR (folders with case.json, SavedModel folders, .pb "
                + "files), keep going after failures, and write OUT/summary.json, summary.md and junit.xml. "
                + "Exit status 0 when the run completed, whatever the cases' outcomes.")
final class ZooCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Folder holding the cases.")
    Path dir;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Folder for the results.")
    Path output;

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds per case (default: ${DEFAULT-VALUE}).")
    long timeout;

    @Option(names = "--python", defaultValue = "none",
            description = "Python with torch to also check model.py ('none' to skip; default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--filter", paramLabel = "PREFIX", description = "Only cases whose id starts with PREFIX.")
    String filter;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir) && !Files.isRegularFile(dir)) throw new UserException(dir + " does not exist.");
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        List<ZooCase> cases = ZooCase.find(dir);
        if (filter != null) cases = cases.stream().filter(c -> c.id().startsWith(filter)).toList();
        if (cases.isEmpty()) throw new UserException("no cases found under " + dir + ".");
        Files.createDirectories(output);
        PrintWriter out = spec.commandLine().getOut();
        ValidationOptions base = ValidationOptions.defaults();
        ValidationOptions vo = new ValidationOptions(base.inputs(), 1, null, null, base.tolerances(), python, "cpu",
                false, 0, 1, 1, null);
        long t0 = System.nanoTime();
        int[] done = {0};
        int total = cases.size();
        List<CaseResult> results = new ZooRunner(output.toAbsolutePath(), vo, timeout).runAll(cases, r -> {
            done[0]++;
            if (r.status() != CaseResult.Status.PASS || done[0] % 50 == 0 || done[0] == total) {
                out.printf("[%d/%d] %-11s %s%s%n", done[0], total, r.status().label(), r.id(),
                        r.message().isEmpty() ? "" : "  " + r.message());
                out.flush();
            }
        });
        ZooReports.writeAll(output, dir.toString(), results);
        Map<CaseResult.Status, Integer> t = ZooReports.totals(results);
        out.printf("%d cases in %.1f s: %s%nwrote %s%n", results.size(), (System.nanoTime() - t0) / 1e9, t,
                output.resolve("summary.json"));
        out.flush();
        return ExitCodes.OK;
    }
}
