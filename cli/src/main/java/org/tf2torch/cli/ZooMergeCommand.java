package org.tf2torch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tf2torch.cli.zoo.ZooMerge;
import org.tf2torch.cli.zoo.ZooReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tf2torch zoo merge OUT1 OUT2 ... -o OUT}: one summary over the output folders of several shards. */
@Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Combine the output folders of zoo shards (--shard I/N) into one: case folders are linked "
                + "(or copied) into OUT/cases and the summaries rewritten over all cases.")
final class ZooMergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SHARD_OUT", description = "Output folders of the shard runs.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Folder for the merged results.")
    Path output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        for (Path p : inputs) {
            if (!Files.isDirectory(p)) throw new UserException(p + " does not exist.");
            if (p.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
                throw new UserException("-o must differ from the inputs: " + p);
            }
        }
        ZooMerge.Merged m;
        try {
            m = ZooMerge.merge(inputs, output);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        for (String w : m.warnings()) spec.commandLine().getErr().println("warning: " + w);
        out.printf("merged %d folders, %d cases: %s%nwrote %s%n", inputs.size(), m.cases().size(),
                ZooReports.totals(m.cases()), output.resolve("summary.json"));
        out.flush();
        return ExitCodes.OK;
    }
}
