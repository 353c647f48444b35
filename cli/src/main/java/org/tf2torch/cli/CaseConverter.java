package org.tf2torch.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.tf2torch.importers.ImportOptions;

/** Conversion with default export choices, replacing any earlier output: the zoo's per-case step. */
public final class CaseConverter {
    private CaseConverter() {}

    public static void convert(Path model, Path dir, ImportOptions io) throws IOException {
        ConvertCommand.convert(model, dir, true, "safetensors", null, io);
    }
}
