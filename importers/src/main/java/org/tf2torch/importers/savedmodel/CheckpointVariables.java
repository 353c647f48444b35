package org.tf2torch.importers.savedmodel;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;
import org.tensorflow.proto.VariableDef;
import org.tf2torch.importers.ImportException;
import org.tf2torch.importers.TfTypes;
import org.tf2torch.importers.bundle.TensorBundle;
import org.tf2torch.importers.graph.TensorProtos;
import org.tf2torch.importers.graph.VariableSource;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Parameter;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;

/**
 * Variables of a SavedModel. TF2 checkpoints key values by object path
 * ({@code layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE}); the checkpoint's object graph maps a
 * variable's name (the {@code VarHandleOp}'s {@code shared_name}) to that key. TF1 checkpoints key by the
 * variable's node name. Trainability comes from the SavedModel's object graph or the TF1 collection.
 */
public final class CheckpointVariables implements VariableSource {
    private final TensorBundle bundle;
    private final Graph graph;
    private final Path dir;
    private final Map<String, String> keyByName = new HashMap<>();
    private final Map<String, Boolean> trainable = new HashMap<>();
    private final ModelStructure structure;
    /** Object node id of a model variable → its graph parameter, once registered. */
    private final Map<Integer, String> paramOfNode = new HashMap<>();
    private final Map<String, String> sharedNameOfHandle = new HashMap<>();
    private TrackableObjectGraph checkpointGraph;

    public CheckpointVariables(TensorBundle bundle, Graph graph, MetaGraphDef mg, Path dir) {
        this.bundle = bundle;
        this.graph = graph;
        this.dir = dir;
        if (bundle != null) {
            bundle.objectGraph().ifPresent(this::indexObjectGraph);
        }
        this.structure = ModelStructure.read(mg, dir);
        for (NodeDef n : mg.getGraphDef().getNodeList()) {
            if (n.getOp().equals("VarHandleOp")) sharedNameOfHandle.put(n.getName(), sharedName(n));
        }
        for (SavedObject o : mg.getObjectGraphDef().getNodesList()) {
            if (o.hasVariable()) trainable.put(o.getVariable().getName(), o.getVariable().getTrainable());
        }
        CollectionDef tv = mg.getCollectionDefMap().get("trainable_variables");
        CollectionDef all = mg.getCollectionDefMap().get("variables");
        markTf1(all, false);
        markTf1(tv, true);
    }

    private void indexObjectGraph(TrackableObjectGraph og) {
        checkpointGraph = og;
        for (TrackableObjectGraph.TrackableObject o : og.getNodesList()) {
            for (TrackableObjectGraph.TrackableObject.SerializedTensor a : o.getAttributesList()) {
                if (a.getName().equals("VARIABLE_VALUE") && !a.getFullName().isEmpty()) {
                    keyByName.putIfAbsent(a.getFullName(), a.getCheckpointKey());
                }
            }
        }
    }

    private void markTf1(CollectionDef c, boolean value) {
        if (c == null || !c.hasBytesList()) return;
        for (com.google.protobuf.ByteString b : c.getBytesList().getValueList()) {
            try {
                VariableDef v = VariableDef.parseFrom(b);
                String name = v.getVariableName().replaceFirst(":0$", "");
                trainable.put(name, value || v.getTrainable());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                // A collection we cannot read only loses trainability hints; the variable still converts.
            }
        }
    }

    /**
     * Registers every variable of the model's object structure as a parameter, in layer order, with its path,
     * whether or not the signature reads it: the converted module holds the model's whole state, so its
     * parameter count is the model's. A SavedModel without an object graph registers nothing here.
     */
    public void registerModelVariables() {
        Map<Integer, String> handleOfNode = new HashMap<>();
        for (Map.Entry<String, String> e : sharedNameOfHandle.entrySet()) {
            Integer id = structure.nodeOfHandle(e.getKey());
            if (id != null) handleOfNode.merge(id, e.getValue(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        for (ModelStructure.ModelVariable v : structure.variables().values()) {
            String name = handleOfNode.getOrDefault(v.nodeId(), v.variable().getName());
            if (name.isEmpty() || graph.params().containsKey(name)) name = uniqueName(v.variable().getName());
            String where = "variable '" + name + "' (object " + String.join("/", v.rawPath()) + ")";
            if (bundle == null) {
                throw new ImportException(where + " has no stored value: " + dir.resolve("variables")
                        + " is missing. Copy the whole SavedModel folder, including variables/.");
            }
            String key = checkpointKey(v.rawPath());
            if (key == null) key = keyByName.getOrDefault(name, name);
            if (!bundle.contains(key)) {
                throw new ImportException(where + " has no entry in " + bundle.indexFile() + " (looked for key '"
                        + key + "'). The variables folder does not belong to this saved_model.pb.");
            }
            Tensor t = bundle.tensor(key);
            if (TfTypes.fromProto(v.variable().getDtype()) != t.dtype()) {
                throw new ImportException(where + " is declared " + TfTypes.fromProto(v.variable().getDtype())
                        + " but stored as " + t.dtype() + " in " + bundle.indexFile());
            }
            graph.addParameter(new Parameter(name, t, v.trainable(), v.path()));
            paramOfNode.put(v.nodeId(), name);
        }
    }

    private String uniqueName(String base) {
        String b = base.isEmpty() ? "Variable" : base;
        String n = b;
        for (int i = 1; graph.params().containsKey(n); i++) n = b + "_" + i;
        return n;
    }

    /** The checkpoint key of the variable at {@code rawPath}, walking the checkpoint's own object graph. */
    private String checkpointKey(List<String> rawPath) {
        if (checkpointGraph == null || checkpointGraph.getNodesCount() == 0) return null;
        int id = 0;
        for (String edge : rawPath) {
            int next = -1;
            for (TrackableObjectGraph.TrackableObject.ObjectReference r : checkpointGraph.getNodes(id).getChildrenList()) {
                if (r.getLocalName().equals(edge)) {
                    next = r.getNodeId();
                    break;
                }
            }
            if (next < 0 || next >= checkpointGraph.getNodesCount()) return null;
            id = next;
        }
        for (TrackableObjectGraph.TrackableObject.SerializedTensor a : checkpointGraph.getNodes(id).getAttributesList()) {
            if (a.getName().equals("VARIABLE_VALUE")) return a.getCheckpointKey();
        }
        return null;
    }

    @Override
    public String parameterFor(NodeDef node, String function) {
        String name = node.getOp().equals("VarHandleOp") ? sharedName(node) : node.getName();
        if (function.isEmpty() && node.getOp().equals("VarHandleOp")) {
            Integer id = structure.nodeOfHandle(node.getName());
            String p = id == null ? null : paramOfNode.get(id);
            if (p != null) return p;
        }
        if (graph.params().containsKey(name)) return name;
        String where = "variable '" + name + "' (" + node.getOp() + " '" + node.getName() + "'"
                + (function.isEmpty() ? "" : " in function " + function) + ")";
        if (bundle == null) {
            throw new ImportException(where + " has no stored value: " + dir.resolve("variables")
                    + " is missing. Copy the whole SavedModel folder, including variables/.");
        }
        String key = keyByName.getOrDefault(name, name);
        if (!bundle.contains(key)) {
            throw new ImportException(where + " has no entry in " + bundle.indexFile()
                    + " (looked for key '" + key + "'). The variables folder does not belong to this saved_model.pb.");
        }
        Tensor t = bundle.tensor(key);
        checkDeclared(node, t, where);
        // Without an object graph, Keras-style names ("conv/kernel") are the only record of the layers.
        List<String> path = structure.variables().isEmpty() ? LayerNames.path(name) : List.of();
        boolean train = trainable.getOrDefault(name, path.isEmpty() || LayerNames.trainableByName(name));
        graph.addParameter(new Parameter(name, t, train, path));
        return name;
    }

    private static String sharedName(NodeDef n) {
        AttrValue s = n.getAttrMap().get("shared_name");
        String v = s == null ? "" : s.getS().toStringUtf8();
        return v.isEmpty() ? n.getName() : v;
    }

    private void checkDeclared(NodeDef node, Tensor t, String where) {
        AttrValue dt = node.getAttrMap().get("dtype");
        if (dt != null && TfTypes.fromProto(dt.getType()) != t.dtype()) {
            throw new ImportException(where + " is declared " + TfTypes.fromProto(dt.getType()) + " but stored as "
                    + t.dtype() + " in " + bundle.indexFile());
        }
        AttrValue sh = node.getAttrMap().get("shape");
        if (sh != null && sh.hasShape()) {
            Shape declared = TensorProtos.shape(sh.getShape());
            if (declared.hasRank() && declared.isStatic() && !declared.equals(t.shape())) {
                throw new ImportException(where + " is declared with shape " + declared + " but stored with shape "
                        + t.shape() + " in " + bundle.indexFile());
            }
        }
    }
}
