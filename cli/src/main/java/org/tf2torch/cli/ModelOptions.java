package org.tf2torch.cli;

import java.util.ArrayList;
import java.util.List;
import org.tf2torch.importers.ImportOptions;
import picocli.CommandLine.Option;

/** Options that pick what to read from a model, shared by every command that imports one. */
final class ModelOptions {
    @Option(names = "--tag", defaultValue = ImportOptions.DEFAULT_TAG,
            description = "MetaGraph tag of a SavedModel (default: ${DEFAULT-VALUE}).")
    String tag;

    @Option(names = "--signature", defaultValue = ImportOptions.DEFAULT_SIGNATURE,
            description = "Signature key of a SavedModel (default: ${DEFAULT-VALUE}).")
    String signature;

    @Option(names = "--outputs", split = ",", paramLabel = "TENSOR",
            description = "Output tensors of a frozen GraphDef (node or node:k); default: nodes nothing consumes.")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--input-nodes", split = ",", paramLabel = "NODE",
            description = "Input nodes of a frozen GraphDef; default: every Placeholder.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--channels-first", description = "Make rank-4 inputs and outputs NCHW instead of TF's NHWC.")
    boolean channelsFirst;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of errors.")
    boolean verbose;

    ImportOptions toImportOptions() {
        return new ImportOptions(tag, signature, List.copyOf(outputs), List.copyOf(inputs), channelsFirst);
    }
}
