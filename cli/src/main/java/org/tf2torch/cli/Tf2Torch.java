package org.tf2torch.cli;

import java.io.PrintWriter;
import org.tf2torch.importers.ImportException;
import org.tf2torch.importers.UnsupportedOpsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tf2torch}: converts TensorFlow SavedModels and frozen graphs to PyTorch and checks the result. */
@Command(name = "tf2torch", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Convert TensorFlow models (SavedModel folders, frozen GraphDef .pb files) to PyTorch: "
                + "model.py (nn.Module), weights and a TorchScript archive.",
        subcommands = {ConvertCommand.class, ValidateCommand.class, CheckCommand.class, InspectCommand.class,
                OpsCommand.class, ExampleCommand.class, ZooCommand.class,
                CommandLine.HelpCommand.class},
        footer = ExitCodes.HELP)
public final class Tf2Torch implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: convert, validate, check, inspect, ops or example.");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit status (for tests and main). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Tf2Torch());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> handle(ex, cmd, parsed));
        // picocli answers bad usage with 2, which this tool reserves for unsupported ops.
        CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, a) -> {
            usage.handleParseException(ex, a);
            return ExitCodes.USAGE;
        });
        return cl.execute(args);
    }

    private static int handle(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean verbose = parsed.hasMatchedOption("--verbose") || parsed.subcommands().stream()
                .anyMatch(p -> p.hasMatchedOption("--verbose"));
        int code;
        if (ex instanceof UnsupportedOpsException) {
            err.println("error: " + ex.getMessage().trim());
            err.println("Nothing was written. Run `tf2torch ops` for the supported ops.");
            code = ExitCodes.UNSUPPORTED;
        } else if (ex instanceof ImportException || ex instanceof UserException
                || ex instanceof org.tf2torch.validation.ValidationException
                || ex instanceof org.tf2torch.validation.inputs.InputException
                || ex instanceof org.tf2torch.validation.runtime.RunnerException) {
            err.println("error: " + ex.getMessage());
            code = ex instanceof UserException ? ((UserException) ex).exitCode() : ExitCodes.USAGE;
        } else if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
            err.println("error: I/O failure: " + ex.getMessage());
            code = ExitCodes.USAGE;
        } else {
            err.println("error: internal error (" + ex.getClass().getSimpleName() + "): " + ex.getMessage());
            err.println("Please report this with the model; --verbose shows the stack trace.");
            code = ExitCodes.USAGE;
        }
        if (verbose) ex.printStackTrace(err);
        err.flush();
        return code;
    }
}
