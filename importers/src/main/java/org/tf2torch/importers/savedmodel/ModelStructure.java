package org.tf2torch.importers.savedmodel;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedConcreteFunction;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObjectGraph;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedVariable;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject.ObjectReference;
import org.tf2torch.ir.json.Json;

/**
 * The model's own variables and where they live, from a TF2 SavedModel's object graph: each variable reachable
 * from the root through layers and attributes (not through the optimizer, metrics, the {@code keras_api}
 * bookkeeping or the flattened {@code variables}/{@code trainable_variables} lists Keras adds for loading),
 * with its path of child names and its trainability.
 *
 * <p>Functional and Sequential models name their layers {@code layer-3} / {@code layer_with_weights-1} in the
 * object graph; the Keras layer name ({@code dense_1}) comes from the layer's metadata, stored in the object
 * itself (TF &lt; 2.5) or in {@code keras_metadata.pb} next to {@code saved_model.pb}. Subclassed models keep
 * the attribute names the Python code used ({@code self.encoder.conv}).
 *
 * <p>The signature reads variables through the top graph's {@code VarHandleOp}s; those are tied to object
 * nodes through the captured ("bound") inputs of the functions that the graph's calls invoke.
 */
public final class ModelStructure {
    /** A model variable: object node, raw child-name path (for the checkpoint), module path, trainability. */
    public record ModelVariable(int nodeId, SavedVariable variable, List<String> rawPath, List<String> path,
                                boolean trainable) {}

    /** Child edges that lead to copies of what the layers already reach, or to state that is not the model's. */
    private static final Set<String> SKIPPED_EDGES = Set.of("keras_api", "optimizer", "signatures", "variables",
            "trainable_variables", "non_trainable_variables", "weights", "trainable_weights", "non_trainable_weights",
            "regularization_losses", "layer_regularization_losses", "layers", "metrics", "layer_metrics",
            "_self_saveable_object_factories", "_random_generator", "_default_save_signature", "state_spec");
    private static final Pattern NUMBERED_LAYER = Pattern.compile("layer(_with_weights)?-\\d+");
    private static final String KERAS_METADATA = "keras_metadata.pb";

    private final Map<Integer, ModelVariable> variables = new LinkedHashMap<>();
    private final Map<String, Integer> nodeByHandle = new HashMap<>();

    private ModelStructure() {}

    /** Empty when the SavedModel has no object graph (TF1) or no variables in it. */
    public static ModelStructure read(MetaGraphDef mg, Path dir) {
        ModelStructure s = new ModelStructure();
        SavedObjectGraph og = mg.getObjectGraphDef();
        if (og.getNodesCount() == 0) return s;
        Map<Integer, String> metadata = kerasMetadata(dir.resolve(KERAS_METADATA));
        for (int i = 0; i < og.getNodesCount(); i++) {
            SavedObject o = og.getNodes(i);
            if (o.hasUserObject() && !o.getUserObject().getMetadata().isEmpty()) {
                metadata.putIfAbsent(i, o.getUserObject().getMetadata());
            }
        }
        s.walk(og, metadata);
        s.bindHandles(mg, og);
        return s;
    }

    /** Model variables in the order a breadth-first walk from the root meets them (layer order). */
    public Map<Integer, ModelVariable> variables() { return Collections.unmodifiableMap(variables); }

    /** The object node of the variable a top-graph {@code VarHandleOp} (by node name) creates, or null. */
    public Integer nodeOfHandle(String varHandleNodeName) { return nodeByHandle.get(varHandleNodeName); }

    private void walk(SavedObjectGraph og, Map<Integer, String> metadata) {
        Map<Integer, List<String>> raw = new HashMap<>();
        Map<Integer, List<String>> named = new HashMap<>();
        Map<Integer, Boolean> layerTrainable = new HashMap<>();
        raw.put(0, List.of());
        named.put(0, List.of());
        layerTrainable.put(0, kerasTrainable(metadata.get(0)));
        Map<Integer, List<Integer>> tree = new HashMap<>();
        Map<Integer, ModelVariable> found = new HashMap<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(0));
        while (!queue.isEmpty()) {
            int id = queue.poll();
            for (ObjectReference ref : og.getNodes(id).getChildrenList()) {
                int child = ref.getNodeId();
                String edge = ref.getLocalName();
                if (raw.containsKey(child) || SKIPPED_EDGES.contains(edge) || child >= og.getNodesCount()) continue;
                SavedObject o = og.getNodes(child);
                if (!followed(o)) continue;
                String segment = edge;
                if (NUMBERED_LAYER.matcher(edge).matches()) {
                    String n = kerasName(metadata.get(child));
                    if (n != null) segment = n;
                }
                tree.computeIfAbsent(id, k -> new ArrayList<>()).add(child);
                raw.put(child, append(raw.get(id), edge));
                named.put(child, append(named.get(id), segment));
                boolean parentTrainable = layerTrainable.get(id);
                if (o.hasVariable()) {
                    // A frozen Keras layer (layer.trainable = False) keeps trainable tf.Variables that Keras
                    // nevertheless excludes from training.
                    found.put(child, new ModelVariable(child, o.getVariable(), raw.get(child), named.get(child),
                            o.getVariable().getTrainable() && parentTrainable));
                } else {
                    layerTrainable.put(child, parentTrainable && kerasTrainable(metadata.get(child)));
                    queue.add(child);
                }
            }
        }
        // Paths are the shortest (as TF's own checkpoint paths); the order is the model's: depth first, so a
        // nested model's layers come where the nested model does.
        ArrayDeque<Integer> stack = new ArrayDeque<>(List.of(0));
        while (!stack.isEmpty()) {
            int id = stack.pop();
            if (found.containsKey(id)) variables.put(id, found.get(id));
            List<Integer> kids = tree.getOrDefault(id, List.of());
            for (int i = kids.size() - 1; i >= 0; i--) stack.push(kids.get(i));
        }
    }

    private static boolean followed(SavedObject o) {
        switch (o.getKindCase()) {
            case VARIABLE:
                return true;
            case USER_OBJECT: {
                String id = o.getUserObject().getIdentifier();
                return !id.equals("_tf_keras_metric") && !id.equals("_tf_keras_input_layer")
                        && !id.equals("signature_map") && !id.toLowerCase(java.util.Locale.ROOT).contains("optimizer");
            }
            default:
                // functions, constants, assets, resources: no model variables below
                return false;
        }
    }

    private static List<String> append(List<String> p, String s) {
        List<String> out = new ArrayList<>(p);
        out.add(s);
        return List.copyOf(out);
    }

    private static String kerasName(String json) {
        Object n = field(json, "name");
        return n instanceof String s && !s.isEmpty() ? s : null;
    }

    private static boolean kerasTrainable(String json) {
        return !Boolean.FALSE.equals(field(json, "trainable"));
    }

    private static Object field(String json, String key) {
        if (json == null || json.isEmpty()) return null;
        try {
            return Json.parseObject(json).get(key);
        } catch (RuntimeException e) {
            // Metadata is a hint for names; a model whose metadata we cannot read keeps the raw child names.
            return null;
        }
    }

    /**
     * {@code keras_metadata.pb} is Keras's {@code SavedMetadata}: repeated {@code nodes = 1}, each with
     * {@code node_id = 2}, {@code node_path = 3}, {@code identifier = 4} and {@code metadata = 5} (JSON). The
     * message is not among TF's generated protos, so it is read field by field.
     */
    static Map<Integer, String> kerasMetadata(Path file) {
        Map<Integer, String> out = new HashMap<>();
        if (!Files.isRegularFile(file)) return out;
        try {
            UnknownFieldSet root = UnknownFieldSet.parseFrom(Files.readAllBytes(file));
            if (!root.hasField(1)) return out;
            for (ByteString b : root.getField(1).getLengthDelimitedList()) {
                UnknownFieldSet n = UnknownFieldSet.parseFrom(b);
                int id = n.hasField(2) && !n.getField(2).getVarintList().isEmpty()
                        ? n.getField(2).getVarintList().get(0).intValue() : 0;
                if (n.hasField(5) && !n.getField(5).getLengthDelimitedList().isEmpty()) {
                    out.put(id, n.getField(5).getLengthDelimitedList().get(0).toStringUtf8());
                }
            }
        } catch (IOException e) {
            // Unreadable metadata only costs the Keras layer names; the raw object paths remain.
        }
        return out;
    }

    /**
     * A call in the top graph passes the function's captured variables as its last inputs, in the order of
     * the function's {@code bound_inputs} (object node ids).
     */
    private void bindHandles(MetaGraphDef mg, SavedObjectGraph og) {
        Map<String, NodeDef> nodes = new HashMap<>();
        for (NodeDef n : mg.getGraphDef().getNodeList()) nodes.put(n.getName(), n);
        for (NodeDef call : mg.getGraphDef().getNodeList()) {
            if (!call.getOp().equals("StatefulPartitionedCall") && !call.getOp().equals("PartitionedCall")) continue;
            AttrValue f = call.getAttrMap().get("f");
            SavedConcreteFunction cf = f == null ? null : og.getConcreteFunctionsMap().get(f.getFunc().getName());
            if (cf == null || cf.getBoundInputsCount() == 0) continue;
            List<String> data = new ArrayList<>();
            for (String in : call.getInputList()) if (!in.startsWith("^")) data.add(in);
            int k = cf.getBoundInputsCount();
            if (data.size() < k) continue;
            for (int i = 0; i < k; i++) {
                String handle = data.get(data.size() - k + i).split(":")[0];
                NodeDef h = nodes.get(handle);
                if (h != null && h.getOp().equals("VarHandleOp")) nodeByHandle.putIfAbsent(handle, cf.getBoundInputs(i));
            }
        }
    }
}
