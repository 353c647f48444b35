package org.tf2torch.importers;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tf2torch.importers.graph.GraphTranslator;
import org.tf2torch.importers.graph.TensorProtos;
import org.tf2torch.importers.graph.TfValue;
import org.tf2torch.importers.ops.OpRegistry;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorType;
import org.tf2torch.ir.Value;

/**
 * One frozen GraphDef import: Placeholders are the inputs (in graph order), outputs are given or inferred as
 * the tensors of nodes nothing consumes. Variables must have been frozen into constants.
 */
final class GraphDefImport {
    private static final Set<String> NOT_OUTPUTS = Set.of("NoOp", "Const", "Placeholder", "PlaceholderWithDefault",
            "VariableV2", "VarHandleOp", "Assign", "AssignVariableOp", "SaveV2", "RestoreV2", "Assert");
    private final Path file;
    private final ImportOptions opts;

    GraphDefImport(Path file, ImportOptions opts) {
        this.file = file;
        this.opts = opts;
    }

    static GraphDef read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            CodedInputStream cis = CodedInputStream.newInstance(in);
            cis.setRecursionLimit(1000);
            cis.setSizeLimit(Integer.MAX_VALUE);
            GraphDef g = GraphDef.parseFrom(cis);
            if (g.getNodeCount() == 0) throw new ImportException(file + " holds no graph nodes; it is empty or not a GraphDef.");
            return g;
        } catch (InvalidProtocolBufferException e) {
            throw new ImportException(file + " is not a valid frozen GraphDef (" + e.getMessage()
                    + "); the file may be truncated, or it is another kind of .pb.", e);
        } catch (IOException e) {
            throw new ImportException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    ImportResult run() {
        GraphDef def = read(file);
        ImportReport report = new ImportReport();
        Graph g = new Graph(SavedModelImport.graphName(file));
        Map<String, Value> feeds = new HashMap<>();
        Map<String, String> inputTensors = new LinkedHashMap<>();
        Set<String> wanted = new HashSet<>();
        for (String i : opts.inputs()) wanted.add(i.split(":")[0]);
        // Named inputs are created up front in graph order; otherwise a Placeholder becomes an input when an
        // output needs it, so placeholders nothing reads do not clutter forward().
        java.util.function.Function<NodeDef, Value> makeInput = n -> {
            boolean isPh = n.getOp().startsWith("Placeholder");
            org.tensorflow.proto.AttrValue t = n.getAttrMap().get(isPh ? "dtype" : "T");
            DType dt = TfTypes.fromProto(t != null ? t.getType() : org.tensorflow.proto.DataType.DT_FLOAT);
            Shape s = n.getAttrMap().containsKey("shape")
                    ? TensorProtos.symbolicShape(n.getAttrMap().get("shape").getShape(), "d") : Shape.unknownRank();
            Value v = GraphFinisher.input(g, n.getName(), new TensorType(dt, s), opts.channelsFirst());
            feeds.put(n.getName(), v);
            inputTensors.put(n.getName(), n.getName() + ":0");
            return v;
        };
        for (NodeDef n : def.getNodeList()) if (wanted.contains(n.getName())) makeInput.apply(n);
        GraphTranslator tr = new GraphTranslator(g, def, OpRegistry.standard(), report,
                (node, fn) -> {
                    throw new ImportException(file + " is not frozen: node '" + node.getName() + "' (" + node.getOp()
                            + ") is a variable. Freeze the graph (variables to constants) or convert the SavedModel.");
                },
                ph -> {
                    if (feeds.containsKey(ph.getName())) return TfValue.of(feeds.get(ph.getName()));
                    if (!wanted.isEmpty() || !ph.getOp().equals("Placeholder")) return null;
                    return TfValue.of(makeInput.apply(ph));
                });
        Map<String, String> outputTensors = new LinkedHashMap<>();
        for (String out : opts.outputs().isEmpty() ? inferOutputs(def) : opts.outputs()) {
            if (!tr.hasNode(out.split(":")[0])) {
                throw new ImportException("output '" + out + "' is not a node of " + file + ".");
            }
            outputTensors.put(out, out);
            TfValue v = tr.resolve(out);
            if (v.isDead()) report.addUnsupported("dead output", out, "", "output lies in a cond branch never taken");
            else if (!v.isPoison()) g.setOutput(out, v.value());
        }
        if (report.hasUnsupported()) throw new UnsupportedOpsException(file.toString(), report);
        if (opts.channelsFirst()) GraphFinisher.channelsFirstOutputs(g);
        GraphFinisher.finish(g, file.toString());
        return new ImportResult(g, "graphdef", file.toString(), "", "", inputTensors, outputTensors, tr.histogram(),
                opts.channelsFirst(), report.warnings());
    }

    /** Nodes whose outputs nothing reads (data or control), except bookkeeping ops. */
    static List<String> inferOutputs(GraphDef def) {
        Set<String> consumed = new HashSet<>();
        for (NodeDef n : def.getNodeList()) {
            for (String in : n.getInputList()) consumed.add(in.replaceFirst("^\\^", "").split(":")[0]);
        }
        List<String> outs = new ArrayList<>();
        for (NodeDef n : def.getNodeList()) {
            if (!consumed.contains(n.getName()) && !NOT_OUTPUTS.contains(n.getOp())) outs.add(n.getName());
        }
        if (outs.isEmpty()) throw new ImportException("cannot infer the outputs of the graph; name them with --outputs.");
        return outs;
    }
}
