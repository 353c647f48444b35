package org.tf2torch.importers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tf2torch.importers.graph.TensorProtos;
import org.tf2torch.importers.ops.OpRegistry;
import org.tf2torch.importers.savedmodel.SavedModelLoader;

/** A readable overview of a model file without translating it: tags, signatures, op usage. */
public final class ModelSummary {
    private ModelSummary() {}

    public static String describe(Path model, String tag) {
        StringBuilder sb = new StringBuilder();
        if (Files.isDirectory(model)) {
            SavedModel sm = SavedModelLoader.read(model);
            sb.append("SavedModel ").append(model).append('\n');
            for (MetaGraphDef mg : sm.getMetaGraphsList()) {
                sb.append("MetaGraph tags: ").append(String.join(",", mg.getMetaInfoDef().getTagsList()))
                        .append(mg.getMetaInfoDef().getTensorflowVersion().isEmpty() ? ""
                                : " (TF " + mg.getMetaInfoDef().getTensorflowVersion() + ")").append('\n');
                for (String key : SavedModelLoader.signatureKeys(mg)) signature(sb, key, mg.getSignatureDefMap().get(key));
                ops(sb, mg.getGraphDef());
            }
        } else {
            GraphDef g = GraphDefImport.read(model);
            sb.append("Frozen GraphDef ").append(model).append(", ").append(g.getNodeCount()).append(" nodes\n");
            for (NodeDef n : g.getNodeList()) {
                if (n.getOp().equals("Placeholder")) sb.append("  input ").append(n.getName()).append('\n');
            }
            try {
                sb.append("  inferred outputs: ").append(String.join(", ", GraphDefImport.inferOutputs(g))).append('\n');
            } catch (ImportException e) {
                sb.append("  ").append(e.getMessage()).append('\n');
            }
            ops(sb, g);
        }
        return sb.toString();
    }

    /** The TF op types a frozen GraphDef uses, its function library included. */
    public static java.util.Set<String> opsOf(Path pb) {
        GraphDef g = GraphDefImport.read(pb);
        java.util.Set<String> ops = new java.util.TreeSet<>();
        for (NodeDef n : g.getNodeList()) ops.add(n.getOp());
        for (FunctionDef f : g.getLibrary().getFunctionList()) for (NodeDef n : f.getNodeDefList()) ops.add(n.getOp());
        return ops;
    }

    private static void signature(StringBuilder sb, String key, SignatureDef s) {
        sb.append("  signature '").append(key).append("'\n");
        for (Map.Entry<String, TensorInfo> e : s.getInputsMap().entrySet()) tensor(sb, "input ", e);
        for (Map.Entry<String, TensorInfo> e : s.getOutputsMap().entrySet()) tensor(sb, "output", e);
    }

    private static void tensor(StringBuilder sb, String kind, Map.Entry<String, TensorInfo> e) {
        TensorInfo t = e.getValue();
        sb.append("    ").append(kind).append(' ').append(e.getKey()).append(": ")
                .append(TfTypes.name(t.getDtype())).append(TensorProtos.shape(t.getTensorShape()))
                .append("  (").append(t.getName()).append(")\n");
    }

    /** Op usage over the graph and its whole function library, marking ops without a translator. */
    private static void ops(StringBuilder sb, GraphDef g) {
        Map<String, Integer> hist = new TreeMap<>();
        for (NodeDef n : g.getNodeList()) hist.merge(n.getOp(), 1, Integer::sum);
        for (FunctionDef f : g.getLibrary().getFunctionList()) {
            for (NodeDef n : f.getNodeDefList()) hist.merge(n.getOp(), 1, Integer::sum);
        }
        sb.append("  TF ops in graph and library (* = no translator; only matters if a signature needs it):\n   ");
        int col = 0;
        for (Map.Entry<String, Integer> e : hist.entrySet()) {
            String item = " " + e.getKey() + (OpRegistry.standard().get(e.getKey()) == null
                    && !org.tf2torch.importers.graph.GraphTranslator.STRUCTURAL.contains(e.getKey()) ? "*" : "") + "=" + e.getValue();
            if (col + item.length() > 100) {
                sb.append("\n   ");
                col = 0;
            }
            sb.append(item);
            col += item.length();
        }
        sb.append('\n');
    }
}
