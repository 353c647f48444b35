package org.tf2torch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tf2torch.validation.CaseReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tf2torch check MODEL}: convert and validate in one step, for CI jobs guarding a migration. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Convert MODEL (into -o OUT, or a temporary folder) and validate the result against "
                + "TensorFlow. Takes the options of convert and validate.", footer = ExitCodes.HELP)
final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "SavedModel folder or frozen GraphDef .pb file.")
    Path model;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Keep the converted model here (default: a temporary folder, deleted afterwards).")
    Path output;

    @Option(names = "--force", description = "Replace OUT if it exists and is not empty.")
    boolean force;

    @Option(names = "--weights", defaultValue = "safetensors", description = "safetensors or pt (default: ${DEFAULT-VALUE}).")
    String weights;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    ValidationCliOptions validation;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (validation.reference != null && modelOptions.outputs.isEmpty()) {
            // A corpus case names the tensors TF fed and fetched; convert exactly those.
            CaseReference ref = CaseReference.read(validation.reference);
            modelOptions.outputs.addAll(ref.outputNames());
            if (modelOptions.inputs.isEmpty()) modelOptions.inputs.addAll(ref.inputNames());
        }
        Path out = output;
        Path temp = null;
        if (out == null) {
            temp = Files.createTempDirectory("tf2torch-check-");
            out = temp.resolve("out");
        }
        try {
            ConvertCommand.Conversion c = ConvertCommand.convert(model, out, force, weights, null, modelOptions);
            spec.commandLine().getOut().println(c.summary());
            return ValidateCommand.run(out, validation, spec.commandLine().getOut());
        } finally {
            if (temp != null) AtomicOutput.deleteTree(temp);
        }
    }
}
