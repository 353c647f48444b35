package org.tf2torch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tf2torch.exporters.pytorch.ExportOptions;
import org.tf2torch.exporters.pytorch.ExportResult;
import org.tf2torch.exporters.pytorch.PyTorchExporter;
import org.tf2torch.exporters.pytorch.WeightsFormat;
import org.tf2torch.importers.ImportResult;
import org.tf2torch.importers.ModelImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tf2torch convert MODEL -o OUT}. */
@Command(name = "convert", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Convert a SavedModel folder or frozen GraphDef .pb to PyTorch: model.py, model.safetensors "
                + "(or model.pt), model.torchscript.pt and conversion.json in OUT.",
        footer = ExitCodes.HELP)
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "SavedModel folder or frozen GraphDef .pb file.")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Output folder.")
    Path output;

    @Option(names = "--force", description = "Replace OUT if it exists and is not empty.")
    boolean force;

    @Option(names = "--weights", defaultValue = "safetensors", paramLabel = "FORMAT",
            description = "Weights file: safetensors (model.safetensors) or pt (model.pt, torch.save format). "
                    + "Default: ${DEFAULT-VALUE}.")
    String weights;

    @Option(names = "--class-name", paramLabel = "NAME", description = "Name of the nn.Module class (default: from the model).")
    String className;

    @Mixin
    ModelOptions modelOptions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Conversion c = convert(model, output, force, weights, className, modelOptions);
        for (String w : c.imported().warnings()) spec.commandLine().getErr().println("warning: " + w);
        spec.commandLine().getOut().println(c.summary());
        return ExitCodes.OK;
    }

    /** A finished conversion, for the summary line and for {@code check}. */
    record Conversion(ImportResult imported, ExportResult exported, Path dir) {
        String summary() {
            return "converted " + imported.source() + " -> " + dir + "\n  class " + exported.className() + ", "
                    + imported.graph().nodes().size() + " IR nodes, " + exported.trainableParameterCount()
                    + " trainable parameter elements\n  files: model.py, "
                    + exported.weights().getFileName() + ", " + exported.torchScript().getFileName() + ", conversion.json";
        }
    }

    static Conversion convert(Path model, Path output, boolean force, String weights, String className,
                              ModelOptions mo) {
        return convert(model, output, force, weights, className, mo.toImportOptions());
    }

    static Conversion convert(Path model, Path output, boolean force, String weights, String className,
                              org.tf2torch.importers.ImportOptions io) {
        WeightsFormat wf;
        switch (weights) {
            case "safetensors": wf = WeightsFormat.SAFETENSORS; break;
            case "pt": wf = WeightsFormat.PT; break;
            default: throw new UserException("--weights must be safetensors or pt, not '" + weights + "'.");
        }
        ImportResult r = ModelImporter.load(model, io);
        try (AtomicOutput out = AtomicOutput.begin(output, force)) {
            ExportOptions eo = ExportOptions.defaults().withWeightsFormat(wf)
                    .withHeader("Converted by tf2torch " + Version.get() + " from " + r.source()
                            + (r.signature().isEmpty() ? "" : " (signature " + r.signature() + ")"));
            if (className != null) eo = eo.withClassName(className);
            ExportResult e;
            try {
                e = PyTorchExporter.export(r.graph(), out.dir(), eo);
            } catch (java.io.IOException ex) {
                throw new UserException("writing the PyTorch files failed: " + ex.getMessage());
            }
            ConversionManifest.write(out.dir().resolve("conversion.json"), r, e);
            out.commit();
            return new Conversion(r, e, output.toAbsolutePath().normalize());
        }
    }
}
