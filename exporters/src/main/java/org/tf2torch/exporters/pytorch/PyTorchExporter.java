package org.tf2torch.exporters.pytorch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.exporters.pytorch.io.NamedTensor;
import org.tf2torch.exporters.pytorch.io.SafetensorsWriter;
import org.tf2torch.exporters.pytorch.io.TorchSaveWriter;
import org.tf2torch.exporters.pytorch.io.TorchScriptArchiveWriter;
import org.tf2torch.exporters.pytorch.ops.Dialect;

/**
 * Writes an IR graph as PyTorch: {@code model.py} (a readable {@code nn.Module}), its state_dict
 * ({@code model.safetensors} or {@code model.pt}) and {@code model.torchscript.pt}, a TorchScript archive of
 * the same module that loads without the Python source. Both codes come from the same emitters; the weights
 * are streamed from the IR's tensors into both files.
 */
public final class PyTorchExporter {
    public static final String MODEL_PY = "model.py";
    public static final String TORCHSCRIPT = "model.torchscript.pt";
    /** The archive's classes live in {@code code/__torch__/model.py}, as {@code __torch__.model.<Class>}. */
    static final String SCRIPT_PACKAGE = "__torch__.model";

    private PyTorchExporter() {}

    /** Writes the three files into {@code outDir}, which must exist; existing files of these names are replaced. */
    public static ExportResult export(org.tf2torch.ir.Graph g, Path outDir, ExportOptions opts) throws IOException {
        String className = PyNames.className(opts.className(), g.name());
        ModulePlan plan = ModulePlan.of(g, className);
        ForwardWriter.Body eager = ForwardWriter.write(plan, Dialect.EAGER);
        ForwardWriter.Body script = ForwardWriter.write(plan, Dialect.SCRIPT);

        Path modelPy = outDir.resolve(MODEL_PY);
        String weightsName = opts.weightsFormat().fileName();
        Files.writeString(modelPy, ModuleWriter.write(plan, eager, opts.header(), weightsName), StandardCharsets.UTF_8);
        ProbeWriter.write(plan, eager, outDir);

        List<NamedTensor> tensors = new ArrayList<>();
        List<ExportResult.StateEntry> entries = new ArrayList<>();
        long trainable = 0;
        for (ModulePlan.Attribute a : plan.stateDictOrder()) {
            tensors.add(new NamedTensor(a.name(), a.data()));
            entries.add(new ExportResult.StateEntry(a.name(), a.kind(), a.source(),
                    a.data().dtype(), a.data().shape().sizes()));
            if (a.kind() == ExportResult.Kind.PARAMETER && !plan.isFrozen(a.name())) trainable += a.data().numElements();
        }
        Path weights = outDir.resolve(weightsName);
        if (opts.weightsFormat() == WeightsFormat.SAFETENSORS) {
            SafetensorsWriter.write(weights, tensors, Map.of("format", "pt"));
        } else {
            TorchSaveWriter.write(weights, tensors);
        }

        ScriptClassWriter.Archive code = ScriptClassWriter.write(plan, script, SCRIPT_PACKAGE);
        Path archive = outDir.resolve(TORCHSCRIPT);
        TorchScriptArchiveWriter.write(archive, code.root(), Map.of(code.codePath(), code.source()));

        return new ExportResult(className, List.copyOf(entries), eager.args(), List.copyOf(g.inputKeys()),
                List.copyOf(g.outputs().keySet()), eager.dictOutput(), trainable, modelPy, weights, archive);
    }
}
