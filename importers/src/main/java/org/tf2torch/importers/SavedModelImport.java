package org.tf2torch.importers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tf2torch.importers.bundle.TensorBundle;
import org.tf2torch.importers.graph.GraphTranslator;
import org.tf2torch.importers.graph.HiddenStateChanges;
import org.tf2torch.importers.graph.TensorProtos;
import org.tf2torch.importers.graph.TfValue;
import org.tf2torch.importers.ops.OpRegistry;
import org.tf2torch.importers.savedmodel.CheckpointVariables;
import org.tf2torch.importers.savedmodel.SavedModelLoader;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.SourceRef;
import org.tf2torch.ir.TensorType;
import org.tf2torch.ir.Value;

/** One SavedModel import: signature inputs become graph inputs, signature outputs are translated on demand. */
final class SavedModelImport {
    private final Path dir;
    private final ImportOptions opts;

    SavedModelImport(Path dir, ImportOptions opts) {
        this.dir = dir;
        this.opts = opts;
    }

    ImportResult run() {
        SavedModel sm = SavedModelLoader.read(dir);
        MetaGraphDef mg = SavedModelLoader.selectMetaGraph(sm, opts.tag(), dir);
        SignatureDef sig = SavedModelLoader.selectSignature(mg, opts.signature(), dir);
        ImportReport report = new ImportReport();
        Graph g = new Graph(graphName(dir));
        Path vars = dir.resolve("variables");
        TensorBundle bundle = Files.isRegularFile(vars.resolve("variables.index")) ? TensorBundle.open(vars) : null;
        CheckpointVariables variables = new CheckpointVariables(bundle, g, mg, dir);
        variables.registerModelVariables();

        Map<String, Value> byNode = new HashMap<>();
        Map<String, String> inputTensors = new LinkedHashMap<>();
        for (Map.Entry<String, TensorInfo> e : sig.getInputsMap().entrySet()) {
            TensorInfo ti = e.getValue();
            inputTensors.put(e.getKey(), ti.getName());
            if (ti.getDtype() == DataType.DT_STRING) {
                report.addUnsupported("string input", e.getKey(), "", "signature input '" + e.getKey()
                        + "' is a string tensor (e.g. serialized tf.Example); only numeric inputs convert");
                continue;
            }
            DType dt = TfTypes.fromProto(ti.getDtype());
            Shape s = TensorProtos.symbolicShape(ti.getTensorShape(), "d");
            Value in = GraphFinisher.input(g, e.getKey(), new TensorType(dt, s), opts.channelsFirst());
            byNode.put(ti.getName().split(":")[0], in);
        }
        GraphTranslator tr = new GraphTranslator(g, mg.getGraphDef(), OpRegistry.standard(), report, variables,
                ph -> byNode.containsKey(ph.getName()) ? TfValue.of(byNode.get(ph.getName())) : null);
        Map<String, String> outputTensors = new LinkedHashMap<>();
        for (Map.Entry<String, TensorInfo> e : sig.getOutputsMap().entrySet()) {
            String name = e.getValue().getName();
            outputTensors.put(e.getKey(), name);
            if (!tr.hasNode(name.split(":")[0])) {
                throw new ImportException("signature '" + opts.signature() + "' output '" + e.getKey() + "' names tensor "
                        + name + ", which is not in the graph of " + dir.resolve("saved_model.pb"));
            }
            TfValue v = tr.resolve(name);
            if (v.isResource()) {
                report.addUnsupported("resource output", e.getKey(), "", "output is a variable handle, not a tensor");
            } else if (v.isDead()) {
                report.addUnsupported("dead output", e.getKey(), "", "output lies in a cond branch that is never taken");
            } else if (!v.isPoison()) {
                g.setOutput(e.getKey(), v.value());
            }
        }
        HiddenStateChanges.report(mg.getGraphDef(), outputTensors.values(), tr.inlinedFunctions(), report);
        if (report.hasUnsupported()) throw new UnsupportedOpsException(dir.toString(), report);
        if (opts.channelsFirst()) GraphFinisher.channelsFirstOutputs(g);
        GraphFinisher.finish(g, dir.toString());
        return new ImportResult(g, "savedmodel", dir.toString(), opts.tag(), opts.signature(), inputTensors,
                outputTensors, tr.histogram(), opts.channelsFirst(), report.warnings());
    }

    static String graphName(Path p) {
        Path f = p.toAbsolutePath().normalize().getFileName();
        String n = f == null ? "model" : f.toString().replaceFirst("\\.pb$", "");
        return n.isEmpty() ? "model" : n;
    }
}
