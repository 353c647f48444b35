package org.tf2torch.validation.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tf2torch.ir.DType;
import org.tf2torch.validation.io.NdArray;

/**
 * Feeds and fetches tensors of a TF graph by name ({@code node} or {@code node:k}), shared by the GraphDef and
 * SavedModel runners. Fetching any tensor, not just declared outputs, is what lets validation name the first node
 * whose value diverges.
 */
final class TfGraphSession {
    private final Graph graph;
    private final Session session;
    /** Placeholder op name to the int32 placeholder that replaced it (TF Java cannot build int8/int16 feeds). */
    private final Map<String, String> widenedPlaceholders;
    /** Tensor name to the op that casts it to int32 (TF Java cannot read int8/int16 results either). */
    private final Map<String, String> castOps = new HashMap<>();
    private int castCount;

    TfGraphSession(Graph graph, Session session, Map<String, String> widenedPlaceholders) {
        this.graph = graph;
        this.session = session;
        this.widenedPlaceholders = Map.copyOf(widenedPlaceholders);
    }

    Graph graph() { return graph; }

    /** Outputs of the node named {@code op}, or -1 when the graph has no such node. */
    int outputCount(String op) {
        GraphOperation o = graph.operation(op);
        return o == null ? -1 : o.numOutputs();
    }

    /** {@code n} threads for TF's intra- and inter-op pools, so timings compare with a libtorch of equal threads. */
    static ConfigProto threadConfig(int n) {
        return ConfigProto.newBuilder().setIntraOpParallelismThreads(n).setInterOpParallelismThreads(n).build();
    }

    /** Runs once; the result maps each fetch name, in the given order, to its value. */
    synchronized Map<String, NdArray> run(Map<String, NdArray> feeds, List<String> fetches) {
        if (fetches.isEmpty()) throw new IllegalArgumentException("nothing to fetch");
        List<Tensor> feedTensors = new ArrayList<>();
        List<DType> narrowTo = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (Map.Entry<String, NdArray> f : feeds.entrySet()) {
                TensorName n = TensorName.parse(f.getKey());
                NdArray value = f.getValue();
                String widened = n.index() == 0 ? widenedPlaceholders.get(n.op()) : null;
                checkFeed(n, value);
                Tensor t = TfTensors.toTensor(widened != null ? TfTensors.widen(value) : value);
                feedTensors.add(t);
                runner.feed(widened != null ? widened : n.op(), widened != null ? 0 : n.index(), t);
            }
            // TF refuses to fetch one tensor twice, so fetch each once and fan the values out afterwards.
            Map<String, Integer> unique = new HashMap<>();
            for (String fetch : fetches) {
                TensorName n = TensorName.parse(fetch);
                if (unique.putIfAbsent(n.toString(), unique.size()) != null) continue;
                Output<?> out = output(n);
                DType d = TfTensors.dtype(out.dataType());
                if (d == null) {
                    throw new IllegalArgumentException("cannot fetch '" + fetch + "': its type " + out.dataType()
                            + " is not one tf2torch arrays hold");
                }
                if (TfTensors.needsWidening(d)) {
                    runner.fetch(castOp(n, out), 0);
                    narrowTo.add(d);
                } else {
                    runner.fetch(n.op(), n.index());
                    narrowTo.add(null);
                }
            }
            try (Result r = runner.run()) {
                Map<String, NdArray> out = new LinkedHashMap<>();
                for (String fetch : fetches) {
                    int i = unique.get(TensorName.parse(fetch).toString());
                    NdArray a = TfTensors.fromTensor(r.get(i), "'" + fetch + "'");
                    out.put(fetch, narrowTo.get(i) != null ? TfTensors.narrow(a, narrowTo.get(i)) : a);
                }
                return out;
            }
        } catch (RuntimeException e) {
            if (!TfTensors.isTfError(e)) throw e;
            throw new RunnerException("TensorFlow failed fetching " + fetches + ": " + e.getMessage(), e);
        } finally {
            for (Tensor t : feedTensors) t.close();
        }
    }

    private void checkFeed(TensorName n, NdArray value) {
        GraphOperation op = graph.operation(n.op());
        if (op == null) throw new IllegalArgumentException("cannot feed '" + n + "': no node of that name");
        if (n.index() >= op.numOutputs()) {
            throw new IllegalArgumentException("cannot feed '" + n + "': node has " + op.numOutputs() + " outputs");
        }
        DataType expected = op.output(n.index()).dataType();
        if (TfTensors.dtype(expected) != value.dtype()) {
            throw new IllegalArgumentException("cannot feed '" + n + "': it takes " + expected + ", got "
                    + value.dtype().numpyName());
        }
        if (TfTensors.needsWidening(value.dtype()) && !(n.index() == 0 && widenedPlaceholders.containsKey(n.op()))) {
            throw new IllegalArgumentException("cannot feed '" + n + "': TF Java 1.1.0 cannot create "
                    + value.dtype().numpyName() + " tensors, and only GraphDef placeholders are widened to int32");
        }
    }

    private Output<?> output(TensorName n) {
        GraphOperation op = graph.operation(n.op());
        if (op == null) throw new IllegalArgumentException("cannot fetch '" + n + "': no node of that name");
        if (n.index() >= op.numOutputs()) {
            throw new IllegalArgumentException("cannot fetch '" + n + "': node has " + op.numOutputs() + " outputs");
        }
        return op.output(n.index());
    }

    private String castOp(TensorName n, Output<?> out) {
        return castOps.computeIfAbsent(n.toString(), k -> {
            String name;
            do {
                name = "tf2torch_widen_" + castCount++;
            } while (graph.operation(name) != null);
            graph.opBuilder("Cast", name, graph.baseScope())
                    .addInput(out)
                    .setAttr("DstT", DataType.DT_INT32)
                    .build();
            return name;
        });
    }

    /** {@code node} or {@code node:k}; TF node names never contain a colon. */
    record TensorName(String op, int index) {
        static TensorName parse(String name) {
            int colon = name.lastIndexOf(':');
            if (name.isEmpty() || name.startsWith("^")) {
                throw new IllegalArgumentException("bad tensor name '" + name + "'");
            }
            if (colon < 0) return new TensorName(name, 0);
            try {
                return new TensorName(name.substring(0, colon), Integer.parseInt(name.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad tensor name '" + name + "'");
            }
        }

        @Override
        public String toString() { return index == 0 ? op : op + ":" + index; }
    }
}
