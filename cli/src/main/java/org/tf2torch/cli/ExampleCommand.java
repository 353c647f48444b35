package org.tf2torch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tf2torch.fixtures.Fixture;
import org.tf2torch.fixtures.Fixtures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Builds a small example SavedModel with TF Java, so the tool can be tried without a model at hand. */
@Command(name = "example", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Write an example TensorFlow SavedModel (built with TF Java) to DIR.")
final class ExampleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Folder to create (must not exist or be empty).")
    Path dir;

    @Option(names = "--model", defaultValue = "cnn",
            description = "Which example: mlp, cnn, function_call (default: ${DEFAULT-VALUE}).")
    String model;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Fixture f;
        try {
            f = Fixture.valueOf(model.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UserException("unknown example '" + model + "'; choose mlp, cnn or function_call.");
        }
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) throw new UserException(dir + " exists and is not empty.");
            }
        }
        Files.createDirectories(dir);
        Fixtures.build(f, dir);
        spec.commandLine().getOut().println("wrote example SavedModel '" + model + "' to " + dir);
        return ExitCodes.OK;
    }
}
