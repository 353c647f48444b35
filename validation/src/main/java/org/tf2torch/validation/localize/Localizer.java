package org.tf2torch.validation.localize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tf2torch.validation.compare.Divergence;
import org.tf2torch.validation.compare.Format;
import org.tf2torch.validation.compare.OutputComparison;
import org.tf2torch.validation.compare.Tolerance;
import org.tf2torch.validation.compare.Tolerances;
import org.tf2torch.validation.io.NdArray;
import org.tf2torch.validation.runtime.RunnerException;

/**
 * Names the first node whose value differs: walks model.py's probed locals in forward order, compares each with the
 * TF tensor it stands for, and stops at the first one outside tolerance.
 *
 * <p>Which TF tensor a local stands for is inferred, since fusion and lowering blur the one-to-one picture: the IR
 * value's name comes from a TF node name (after a conv+bias fusion it names the BiasAdd), and the IR node's source is
 * the TF node it was translated from (the Conv2D). Both are candidates and a local matches when either does. Only the
 * last IR node of each TF node is compared, because a TF op lowered to several IR ops (or wrapped in transposes)
 * equals TF only at the end of its sequence.
 */
public final class Localizer {
    private Localizer() {}

    public static Divergence localize(List<Probe> probes, Map<String, NdArray> torchLocals, TfIntermediates tf,
                                      Map<String, NdArray> inputs, Tolerances tol, String backend, int sample) {
        List<Probe> comparable = new ArrayList<>();
        int inFunctions = 0;
        Map<String, Integer> lastOfSource = new HashMap<>();
        for (int i = 0; i < probes.size(); i++) if (!probes.get(i).tfNode().isEmpty()) lastOfSource.put(probes.get(i).tfNode(), i);
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            if (p.inFunction()) inFunctions++;
            else if (lastOfSource.getOrDefault(p.tfNode(), -1) == i && torchLocals.containsKey(p.local())) comparable.add(p);
        }
        if (comparable.isEmpty()) {
            String why = inFunctions > 0
                    ? "outputs differ; intermediate values of TF2 function bodies cannot be fetched, so the diverging "
                      + "node cannot be named (freeze the model to a GraphDef to localize)"
                    : "outputs differ; no intermediate value of model.py maps to a fetchable TF tensor";
            return new Divergence(backend, sample, null, null, null, Double.NaN, Double.NaN, why);
        }
        Map<String, String> nodeOps = tf.nodeOps();
        Map<String, List<String>> bySanitized = new HashMap<>();
        for (String n : nodeOps.keySet()) bySanitized.computeIfAbsent(sanitize(n), k -> new ArrayList<>()).add(n);
        Map<Probe, List<String>> candidates = new LinkedHashMap<>();
        Set<String> fetches = new LinkedHashSet<>();
        for (Probe p : comparable) {
            Set<String> c = new LinkedHashSet<>();
            List<String> named = bySanitized.get(p.value());
            if (named == null) named = bySanitized.get(p.value().replaceFirst("_\\d+$", ""));
            if (named != null && named.size() == 1) c.add(named.get(0));
            c.add(p.tfNode());
            List<String> tensors = new ArrayList<>();
            for (String node : c) if (tf.outputCount(node) > 0) tensors.add(node + ":0");
            if (tensors.isEmpty()) continue;
            candidates.put(p, tensors);
            fetches.addAll(tensors);
        }
        Map<String, NdArray> tfValues = fetchAll(tf, inputs, new ArrayList<>(fetches));
        int matched = 0;
        for (Map.Entry<Probe, List<String>> e : candidates.entrySet()) {
            Probe p = e.getKey();
            NdArray mine = torchLocals.get(p.local());
            LayoutMatch.Result best = null;
            String bestTensor = null;
            for (String t : e.getValue()) {
                NdArray theirs = tfValues.get(t);
                if (theirs == null) continue;
                Tolerance tl = tol.forDType(theirs.dtype());
                LayoutMatch.Result r = LayoutMatch.compare(p.local(), theirs, mine, tl);
                if (r != null && (best == null || r.comparison().passed() && !best.comparison().passed()
                        || r.comparison().mismatches() < best.comparison().mismatches())) {
                    best = r;
                    bestTensor = t;
                }
            }
            if (best == null) continue; // no candidate has this local's shape: it stands for no TF tensor
            if (best.comparison().passed()) {
                matched++;
                continue;
            }
            OutputComparison c = best.comparison();
            String msg = "model.py local '" + p.local() + "' vs TF tensor '" + bestTensor + "' (" + best.layout()
                    + "): " + c.mismatches() + " of " + c.elements() + " elements outside rtol="
                    + Format.sci(c.tolerance().rtol()) + " atol=" + Format.sci(c.tolerance().atol()) + "; " + matched
                    + " earlier value" + (matched == 1 ? "" : "s") + " matched";
            String op = p.tfOp().isEmpty() ? nodeOps.get(p.tfNode()) : p.tfOp();
            return new Divergence(backend, sample, p.tfNode(), op, "%" + p.value() + " (" + p.irOp() + ")",
                    c.maxAbsErr(), c.maxRelErr(), msg);
        }
        return new Divergence(backend, sample, null, null, null, Double.NaN, Double.NaN, "all " + matched
                + " intermediate values of model.py that map to TF tensors match TensorFlow"
                + (inFunctions > 0 ? " (values inside TF2 function bodies were not fetchable)" : "")
                + "; the difference arises after them or outside model.py's computation");
    }

    /**
     * Fetches in one run; if TF refuses (a tensor of a type tf2torch arrays cannot hold), fetches one by one and
     * leaves out the refused ones, since a diagnostic must not fail on a tensor it could do without.
     */
    private static Map<String, NdArray> fetchAll(TfIntermediates tf, Map<String, NdArray> inputs, List<String> names) {
        if (names.isEmpty()) return Map.of();
        try {
            return tf.fetch(inputs, names);
        } catch (RunnerException | IllegalArgumentException e) {
            Map<String, NdArray> out = new HashMap<>();
            for (String n : names) {
                try {
                    out.putAll(tf.fetch(inputs, List.of(n)));
                } catch (RunnerException | IllegalArgumentException ignored) {
                    // this tensor is not comparable; the others still are
                }
            }
            return out;
        }
    }

    /** What {@code org.tf2torch.ir.Graph} turns a TF node name into when it uses it as a value name. */
    static String sanitize(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.' ? c : '_');
        if (sb.length() == 0 || !Character.isLetter(sb.charAt(0)) && sb.charAt(0) != '_') sb.insert(0, 'v');
        return sb.toString();
    }
}
