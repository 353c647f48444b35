package org.tf2torch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tf2torch.validation.ConvertedModel;
import org.tf2torch.validation.Validator;
import org.tf2torch.validation.compare.ValidationResult;
import org.tf2torch.validation.report.ConsoleReport;
import org.tf2torch.validation.report.Environment;
import org.tf2torch.validation.report.HtmlReport;
import org.tf2torch.validation.report.JsonReport;
import org.tf2torch.validation.report.JunitReport;
import org.tf2torch.validation.runtime.PythonProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tf2torch validate OUT}: run the original and the converted model side by side. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Run the original TensorFlow model and the converted PyTorch model (TorchScript in-process via "
                + "DJL; model.py and the archive in Python when available) on the same inputs and compare every "
                + "output.", footer = ExitCodes.HELP)
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OUT", description = "Folder written by `tf2torch convert`.")
    Path dir;

    @Mixin
    ValidationCliOptions options;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of errors.")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return run(dir, options, spec.commandLine().getOut());
    }

    static int run(Path dir, ValidationCliOptions options, PrintWriter out) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(options.threads()));
        ConvertedModel model = ConvertedModel.read(dir);
        ValidationResult result = new Validator(model, options.toOptions()).run();
        Environment env = Environment.detect(options.device, options.python == null || !options.python.equals("none")
                ? PythonProbe.find(options.python).orElse(null) : null);
        out.print(ConsoleReport.render(result, ConsoleReport.colorByDefault()));
        try {
            if (options.json != null) JsonReport.write(options.json, result, env);
            if (options.junit != null) JunitReport.write(options.junit, result, env);
            if (options.html != null) HtmlReport.write(options.html, result, env);
        } catch (IOException e) {
            throw new UserException("cannot write a report: " + e.getMessage());
        }
        out.flush();
        return result.exitStatus().code();
    }
}
