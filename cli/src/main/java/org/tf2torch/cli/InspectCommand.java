package org.tf2torch.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tf2torch.importers.ImportResult;
import org.tf2torch.importers.ModelImporter;
import org.tf2torch.importers.ModelSummary;
import org.tf2torch.importers.UnsupportedOpsException;
import org.tf2torch.ir.Value;
import org.tf2torch.ir.text.IrPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tf2torch inspect MODEL}: signatures, interface, TF op histogram, unsupported ops, optionally the IR. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Describe a model: tags, signatures, inputs/outputs, TF ops used, unsupported ops; --ir prints "
                + "the converted IR.", footer = ExitCodes.HELP)
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "SavedModel folder or frozen GraphDef .pb file.")
    Path model;

    @Option(names = "--ir", description = "Also print the IR text of the selected signature.")
    boolean ir;

    @Mixin
    ModelOptions modelOptions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.print(ModelSummary.describe(model, modelOptions.tag));
        try {
            ImportResult r = ModelImporter.load(model, modelOptions.toImportOptions());
            out.println("Selected " + (r.signature().isEmpty() ? "graph" : "signature '" + r.signature() + "'")
                    + ": converts (" + r.graph().nodes().size() + " IR nodes, " + r.graph().params().size() + " parameters)");
            for (Map.Entry<String, Value> e : r.graph().outputs().entrySet()) {
                out.println("  output " + e.getKey() + ": " + e.getValue().type());
            }
            out.println("  TF ops translated: " + r.tfOpHistogram());
            for (String w : r.warnings()) out.println("  warning: " + w);
            if (ir) out.print(IrPrinter.print(r.graph()));
            out.flush();
            return ExitCodes.OK;
        } catch (UnsupportedOpsException e) {
            out.print("Selected signature does not convert:\n" + e.report().format());
            out.flush();
            return ExitCodes.UNSUPPORTED;
        }
    }
}
