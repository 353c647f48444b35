package org.tf2torch.validation.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tf2torch.validation.io.NdArray;

/**
 * Runs a SavedModel's signatures with TF Java, the reference side of validation. Signatures run through the bundle's
 * session with the signature's tensor names, which is what {@code SessionFunction.call} does too; going through the
 * session ourselves lets int8/int16 results be cast for TF Java 1.1.0 and intermediate tensors be fetched.
 */
public final class TfSavedModelRunner implements AutoCloseable {
    /** Present in TF2 SavedModels' signature map, but it initialises tables rather than computing anything. */
    private static final String INIT_OP_SIGNATURE = "__saved_model_init_op";

    private final Path dir;
    private final SavedModelBundle bundle;
    private final TfGraphSession runner;

    private TfSavedModelRunner(Path dir, SavedModelBundle bundle) {
        this.dir = dir;
        this.bundle = bundle;
        this.runner = new TfGraphSession(bundle.graph(), bundle.session(), Map.of());
    }

    public static TfSavedModelRunner open(Path dir) {
        return open(dir, SavedModelBundle.DEFAULT_TAG, 0);
    }

    public static TfSavedModelRunner open(Path dir, String tag) {
        return open(dir, tag, 0);
    }

    /** {@code threads} sets TF's intra- and inter-op pools (0 keeps TF's default, all cores). */
    public static TfSavedModelRunner open(Path dir, String tag, int threads) {
        SavedModelBundle.Loader loader = SavedModelBundle.loader(dir.toString()).withTags(tag);
        if (threads > 0) loader = loader.withConfigProto(TfGraphSession.threadConfig(threads));
        try {
            return new TfSavedModelRunner(dir, loader.load());
        } catch (RuntimeException e) {
            if (!TfTensors.isTfError(e)) throw e;
            throw new RunnerException("TensorFlow could not load SavedModel " + dir + " with tag '" + tag + "'"
                    + tagSets(dir) + ": " + e.getMessage(), e);
        }
    }

    public Path dir() { return dir; }

    public MetaGraphDef metaGraphDef() { return bundle.metaGraphDef(); }

    /**
     * Signature keys, sorted, without TF2's init-op entry. Sorted because the map's own order changes from run to run
     * (TF's C++ side re-serializes it in hash order) and has no meaning.
     */
    public List<String> signatures() {
        List<String> keys = new ArrayList<>(new TreeSet<>(metaGraphDef().getSignatureDefMap().keySet()));
        keys.remove(INIT_OP_SIGNATURE);
        return keys;
    }

    /** Inputs sorted by key: the order {@code tf.nest} flattens a signature's dict in, and a stable one. */
    public List<TensorSpec> inputSpecs(String signature) {
        return specs(signatureDef(signature).getInputsMap());
    }

    /** Outputs sorted by key, like {@link #inputSpecs}. */
    public List<TensorSpec> outputSpecs(String signature) {
        return specs(signatureDef(signature).getOutputsMap());
    }

    /** Runs a signature on inputs keyed by signature input name; outputs come keyed, in {@link #outputSpecs} order. */
    public Map<String, NdArray> run(String signature, Map<String, NdArray> inputs) {
        List<TensorSpec> in = inputSpecs(signature);
        Map<String, NdArray> feeds = new LinkedHashMap<>();
        for (TensorSpec s : in) {
            NdArray a = inputs.get(s.name());
            if (a == null) throw new IllegalArgumentException("signature '" + signature + "' needs input " + s);
            check(signature, s, a);
            feeds.put(s.tensorName(), a);
        }
        for (String k : inputs.keySet()) {
            if (in.stream().noneMatch(s -> s.name().equals(k))) {
                throw new IllegalArgumentException("signature '" + signature + "' has no input '" + k + "'; it takes "
                        + in);
            }
        }
        List<TensorSpec> out = outputSpecs(signature);
        List<String> fetches = new ArrayList<>();
        for (TensorSpec s : out) {
            if (!s.isSupported()) {
                throw new IllegalArgumentException("signature '" + signature + "' output " + s
                        + " has a type tf2torch arrays cannot hold");
            }
            if (!fetches.contains(s.tensorName())) fetches.add(s.tensorName());
        }
        Map<String, NdArray> byTensor = runner.run(feeds, fetches);
        Map<String, NdArray> result = new LinkedHashMap<>();
        for (TensorSpec s : out) result.put(s.name(), byTensor.get(s.tensorName()));
        return result;
    }

    /**
     * Feeds and fetches graph tensors by name. In TF1 SavedModels these are all the model's nodes; in TF2 ones the
     * computation sits inside function bodies that only the signature's call node exposes.
     */
    public Map<String, NdArray> runTensors(Map<String, NdArray> feeds, List<String> fetches) {
        return runner.run(feeds, fetches);
    }

    /** Outputs of a node of the loaded graph (not of a function body), or -1 when there is none of that name. */
    public int outputCount(String node) { return runner.outputCount(node); }

    @Override
    public void close() {
        bundle.close();
    }

    private SignatureDef signatureDef(String signature) {
        SignatureDef def = metaGraphDef().getSignatureDefMap().get(signature);
        if (def == null || signature.equals(INIT_OP_SIGNATURE)) {
            throw new IllegalArgumentException("SavedModel " + dir + " has no signature '" + signature + "'; it has "
                    + signatures());
        }
        return def;
    }

    private static List<TensorSpec> specs(Map<String, TensorInfo> infos) {
        List<TensorSpec> specs = new ArrayList<>();
        for (Map.Entry<String, TensorInfo> e : new TreeMap<>(infos).entrySet()) {
            TensorInfo t = e.getValue();
            specs.add(new TensorSpec(e.getKey(), TfTensors.dtype(t.getDtype()),
                    t.hasTensorShape() ? TfGraphDefRunner.sizes(t.getTensorShape()) : null,
                    t.getName(), t.getDtype().name()));
        }
        return specs;
    }

    /** Checked here because TF's own message for a wrong feed names tensors the caller never saw. */
    private static void check(String signature, TensorSpec s, NdArray a) {
        String where = "signature '" + signature + "' input " + s;
        if (!s.isSupported()) throw new IllegalArgumentException(where + ": tf2torch cannot feed this type");
        if (a.dtype() != s.dtype()) {
            throw new IllegalArgumentException(where + ": got " + a.dtype().numpyName());
        }
        if (TfTensors.needsWidening(a.dtype())) {
            throw new IllegalArgumentException(where + ": TF Java 1.1.0 cannot create "
                    + a.dtype().numpyName() + " tensors");
        }
        long[] want = s.shape();
        long[] got = a.shape();
        boolean ok = want == null || want.length == got.length;
        for (int i = 0; ok && want != null && i < got.length; i++) ok = want[i] < 0 || want[i] == got[i];
        if (!ok) throw new IllegalArgumentException(where + ": got shape " + Arrays.toString(got));
    }

    /** The tag sets a SavedModel offers, for the message when the requested one is missing. */
    private static String tagSets(Path dir) {
        try (InputStream in = Files.newInputStream(dir.resolve("saved_model.pb"))) {
            TreeSet<String> sets = new TreeSet<>();
            for (MetaGraphDef m : SavedModel.parseFrom(in).getMetaGraphsList()) {
                sets.add(String.join(",", m.getMetaInfoDef().getTagsList()));
            }
            return " (its tag sets: " + sets + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
