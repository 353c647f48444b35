package org.tf2torch.exporters.pytorch;

import java.util.Objects;

/**
 * Choices for {@link PyTorchExporter#export}.
 *
 * @param className the module's class name, kept when it is a usable identifier and made CamelCase otherwise;
 *     null derives one from the graph name ({@code Model} when nothing usable is left)
 * @param weightsFormat safetensors (default) or a {@code torch.save} file
 * @param header free text (source path, tool version, ...) put as comment lines at the top of model.py;
 *     escaped, so it cannot break out of the comments. Null for none.
 */
public record ExportOptions(String className, WeightsFormat weightsFormat, String header) {
    public ExportOptions {
        Objects.requireNonNull(weightsFormat, "weightsFormat");
    }

    public static ExportOptions defaults() { return new ExportOptions(null, WeightsFormat.SAFETENSORS, null); }

    public ExportOptions withClassName(String name) { return new ExportOptions(name, weightsFormat, header); }

    public ExportOptions withWeightsFormat(WeightsFormat f) { return new ExportOptions(className, f, header); }

    public ExportOptions withHeader(String text) { return new ExportOptions(className, weightsFormat, text); }
}
