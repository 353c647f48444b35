package org.tf2torch.validation.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorShapeProto;
import org.tf2torch.ir.DType;
import org.tf2torch.validation.io.NdArray;

/**
 * Runs a frozen GraphDef ({@code model.pb}) with TF Java: feeds placeholders and fetches any tensor by name, so the
 * original's intermediate values can be compared with the conversion's.
 */
public final class TfGraphDefRunner implements AutoCloseable {
    private final GraphDef graphDef;
    private final Graph graph;
    private final Session session;
    private final TfGraphSession runner;

    private TfGraphDefRunner(GraphDef original, GraphDef imported, Map<String, String> widened, int threads) {
        this.graphDef = original;
        this.graph = new Graph();
        try {
            graph.importGraphDef(imported);
        } catch (RuntimeException e) {
            graph.close();
            if (!TfTensors.isTfError(e)) throw e;
            throw new RunnerException("TensorFlow could not import the GraphDef: " + e.getMessage(), e);
        }
        this.session = threads > 0 ? new Session(graph, TfGraphSession.threadConfig(threads)) : new Session(graph);
        this.runner = new TfGraphSession(graph, session, widened);
    }

    public static TfGraphDefRunner open(Path pb) throws IOException {
        return open(pb, 0);
    }

    /** {@code threads} sets TF's intra- and inter-op pools (0 keeps TF's default, all cores). */
    public static TfGraphDefRunner open(Path pb, int threads) throws IOException {
        try (InputStream in = Files.newInputStream(pb)) {
            return of(GraphDef.parseFrom(in), threads);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IOException(pb + " is not a GraphDef: " + e.getMessage(), e);
        }
    }

    public static TfGraphDefRunner of(GraphDef def, int threads) {
        Map<String, String> widened = new HashMap<>();
        GraphDef imported = widenNarrowPlaceholders(def, widened);
        return new TfGraphDefRunner(def, imported, widened, threads);
    }

    /** The GraphDef as read, without the int32 placeholders this runner adds. */
    public GraphDef graphDef() { return graphDef; }

    /** Node names in GraphDef order. */
    public List<String> nodeNames() {
        List<String> names = new ArrayList<>(graphDef.getNodeCount());
        for (NodeDef n : graphDef.getNodeList()) names.add(n.getName());
        return names;
    }

    /** The {@code Placeholder} nodes, which are what a caller must feed, in GraphDef order. */
    public List<TensorSpec> placeholders() {
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeDef n : graphDef.getNodeList()) {
            if (!n.getOp().equals("Placeholder")) continue;
            DataType dt = n.getAttrOrDefault("dtype", AttrValue.getDefaultInstance()).getType();
            AttrValue shape = n.getAttrOrDefault("shape", null);
            specs.add(new TensorSpec(n.getName(), TfTensors.dtype(dt), shape == null ? null : sizes(shape.getShape()),
                    n.getName(), dt.name()));
        }
        return specs;
    }

    /** Feeds tensors by name ({@code node} or {@code node:k}) and returns the fetched ones in {@code fetches} order. */
    public Map<String, NdArray> run(Map<String, NdArray> feeds, List<String> fetches) {
        return runner.run(feeds, fetches);
    }

    /** Outputs of a node, or -1 when there is none of that name. */
    public int outputCount(String node) { return runner.outputCount(node); }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

    static long[] sizes(TensorShapeProto s) {
        if (s.getUnknownRank()) return null;
        long[] d = new long[s.getDimCount()];
        for (int i = 0; i < d.length; i++) d[i] = s.getDim(i).getSize();
        return d;
    }

    /**
     * TF Java 1.1.0 has no int8/int16 tensor classes, so each such Placeholder becomes an int32 placeholder plus a
     * Cast under the original name: consumers are unchanged and callers still feed the original name.
     */
    static GraphDef widenNarrowPlaceholders(GraphDef def, Map<String, String> renamed) {
        Set<String> names = new HashSet<>();
        for (NodeDef n : def.getNodeList()) names.add(n.getName());
        GraphDef.Builder b = def.toBuilder();
        for (int i = 0; i < def.getNodeCount(); i++) {
            NodeDef n = def.getNode(i);
            if (!n.getOp().equals("Placeholder")) continue;
            DataType dt = n.getAttrOrDefault("dtype", AttrValue.getDefaultInstance()).getType();
            DType d = TfTensors.dtype(dt);
            if (d == null || !TfTensors.needsWidening(d)) continue;
            String wide = n.getName() + "_tf2torch_i32";
            while (names.contains(wide)) wide += "_";
            names.add(wide);
            renamed.put(n.getName(), wide);
            b.addNode(n.toBuilder().setName(wide)
                    .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_INT32).build()));
            b.setNode(i, NodeDef.newBuilder().setName(n.getName()).setOp("Cast").setDevice(n.getDevice())
                    .addInput(wide)
                    .putAttr("SrcT", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
                    .putAttr("DstT", AttrValue.newBuilder().setType(dt).build())
                    .putAttr("Truncate", AttrValue.newBuilder().setB(false).build()));
        }
        return b.build();
    }
}
