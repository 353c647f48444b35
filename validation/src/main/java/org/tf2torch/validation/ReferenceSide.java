package org.tf2torch.validation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tf2torch.validation.io.NdArray;
import org.tf2torch.validation.localize.TfIntermediates;
import org.tf2torch.validation.runtime.RunnerException;
import org.tf2torch.validation.runtime.TfGraphDefRunner;
import org.tf2torch.validation.runtime.TfSavedModelRunner;

/**
 * The TensorFlow side: the original model run by TF Java, keyed by the conversion's input/output keys. It also
 * fetches any tensor of the top-level graph, which is what names the first diverging node.
 */
abstract class ReferenceSide implements AutoCloseable, TfIntermediates {
    abstract Map<String, NdArray> runTf(Map<String, NdArray> inputs);

    abstract ConvertedModel model();

    abstract GraphDef graphDef();

    /** Feeds and fetches by TF tensor name. */
    abstract Map<String, NdArray> fetchTensors(Map<String, NdArray> feeds, List<String> tensors);

    private Map<String, String> nodeOps;

    @Override
    public Map<String, String> nodeOps() {
        if (nodeOps == null) {
            nodeOps = new LinkedHashMap<>();
            for (NodeDef n : graphDef().getNodeList()) nodeOps.put(n.getName(), n.getOp());
        }
        return nodeOps;
    }

    /** Intermediates are TF's own tensors, so a channels-first interface's inputs go back to TF's layout first. */
    @Override
    public Map<String, NdArray> fetch(Map<String, NdArray> inputs, List<String> tensors) {
        Map<String, NdArray> feeds = new LinkedHashMap<>();
        for (ConvertedModel.Port p : model().inputs()) {
            NdArray v = inputs.get(p.name());
            feeds.put(p.tfTensor(), model().channelsFirst() && v.rank() == 4 ? permute(v, new int[] {0, 2, 3, 1}) : v);
        }
        return fetchTensors(feeds, tensors);
    }

    /** Runs TF on PyTorch-layout inputs and returns PyTorch-layout outputs (they differ with --channels-first). */
    Map<String, NdArray> run(Map<String, NdArray> inputs) {
        if (!model().channelsFirst()) return runTf(inputs);
        Map<String, NdArray> tfIn = new LinkedHashMap<>();
        inputs.forEach((k, v) -> tfIn.put(k, v.rank() == 4 ? permute(v, new int[] {0, 2, 3, 1}) : v));
        Map<String, NdArray> out = new LinkedHashMap<>();
        runTf(tfIn).forEach((k, v) -> out.put(k, v != null && v.rank() == 4 ? permute(v, new int[] {0, 3, 1, 2}) : v));
        return out;
    }

    static NdArray permute(NdArray a, int[] perm) {
        long[] in = a.shape();
        long[] shape = new long[in.length];
        for (int i = 0; i < perm.length; i++) shape[i] = in[perm[i]];
        return NdArray.of(a.dtype(), shape, org.tf2torch.ir.Transposer.transpose(a.data(), in, perm, a.dtype().byteSize()));
    }

    @Override
    public abstract void close();

    static ReferenceSide open(ConvertedModel m, int threads) {
        try {
            if ("savedmodel".equals(m.format())) return new SavedModelSide(m, TfSavedModelRunner.open(m.source(), m.tag(), threads));
            return new GraphDefSide(m, TfGraphDefRunner.open(m.source(), threads));
        } catch (IOException | RunnerException e) {
            throw new ValidationException("cannot run the original model " + m.source() + " with TensorFlow: "
                    + e.getMessage(), e);
        }
    }

    private static final class SavedModelSide extends ReferenceSide {
        private final ConvertedModel model;
        private final TfSavedModelRunner tf;

        SavedModelSide(ConvertedModel model, TfSavedModelRunner tf) {
            this.model = model;
            this.tf = tf;
        }

        @Override
        GraphDef graphDef() { return tf.metaGraphDef().getGraphDef(); }

        @Override
        public int outputCount(String node) { return tf.outputCount(node); }

        @Override
        Map<String, NdArray> fetchTensors(Map<String, NdArray> feeds, List<String> tensors) {
            return tf.runTensors(feeds, tensors);
        }

        @Override
        ConvertedModel model() { return model; }

        @Override
        Map<String, NdArray> runTf(Map<String, NdArray> inputs) {
            Map<String, NdArray> all = tf.run(model.signature(), inputs);
            Map<String, NdArray> out = new LinkedHashMap<>();
            for (ConvertedModel.Port p : model.outputs()) out.put(p.name(), all.get(p.name()));
            return out;
        }

        @Override
        public void close() { tf.close(); }
    }

    private static final class GraphDefSide extends ReferenceSide {
        private final ConvertedModel model;
        private final TfGraphDefRunner tf;

        GraphDefSide(ConvertedModel model, TfGraphDefRunner tf) {
            this.model = model;
            this.tf = tf;
        }

        @Override
        GraphDef graphDef() { return tf.graphDef(); }

        @Override
        public int outputCount(String node) { return tf.outputCount(node); }

        @Override
        Map<String, NdArray> fetchTensors(Map<String, NdArray> feeds, List<String> tensors) {
            return tf.run(feeds, tensors);
        }

        @Override
        ConvertedModel model() { return model; }

        @Override
        Map<String, NdArray> runTf(Map<String, NdArray> inputs) {
            Map<String, NdArray> feeds = new LinkedHashMap<>();
            for (ConvertedModel.Port p : model.inputs()) feeds.put(p.tfTensor(), inputs.get(p.name()));
            List<String> fetches = new ArrayList<>();
            for (ConvertedModel.Port p : model.outputs()) fetches.add(p.tfTensor());
            Map<String, NdArray> got = tf.run(feeds, fetches);
            Map<String, NdArray> out = new LinkedHashMap<>();
            for (ConvertedModel.Port p : model.outputs()) out.put(p.name(), got.get(p.tfTensor()));
            return out;
        }

        @Override
        public void close() { tf.close(); }
    }
}
