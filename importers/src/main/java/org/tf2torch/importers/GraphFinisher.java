package org.tf2torch.importers;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;
import org.tf2torch.ir.Verifier;
import org.tf2torch.ir.passes.PassPipeline;

/** Shared last steps of every import: interface layout, cleanup passes, and a structural check. */
final class GraphFinisher {
    private GraphFinisher() {}

    /**
     * A graph input for a TF tensor of type {@code t}; with a channels-first interface a rank-4 input is
     * declared NCHW and turned back into TF's NHWC for the translated graph (the passes cancel the transposes).
     */
    static Value input(Graph g, String key, org.tf2torch.ir.TensorType t, boolean channelsFirst) {
        org.tf2torch.ir.Shape s = t.shape();
        if (!channelsFirst || !s.hasRank() || s.rank() != 4) return g.addInput(key, t, key);
        org.tf2torch.ir.Shape nchw = org.tf2torch.ir.Shape.of(List.of(s.dim(0), s.dim(3), s.dim(1), s.dim(2)));
        Value raw = g.addInput(key, t.withShape(nchw), key);
        return g.add(Op.TRANSPOSE, List.of(raw), Map.of("perm", new long[] {0, 2, 3, 1}),
                org.tf2torch.ir.SourceRef.NONE, key + "_nhwc").output();
    }

    /** NHWC→NCHW for rank-4 outputs when the user asked for a channels-first interface. */
    static void channelsFirstOutputs(Graph g) {
        for (Map.Entry<String, Value> e : g.outputs().entrySet()) {
            Value v = e.getValue();
            if (v.shape().hasRank() && v.shape().rank() == 4) {
                g.setOutput(e.getKey(), g.add(Op.TRANSPOSE, List.of(v), Map.of("perm", new long[] {0, 3, 1, 2}),
                        org.tf2torch.ir.SourceRef.NONE, v.name() + "_nchw").output());
            }
        }
    }

    static void finish(Graph g, String model) {
        PassPipeline.standard(false).run(g);
        List<String> problems = Verifier.check(g);
        if (!problems.isEmpty()) {
            throw new ImportException("internal error converting " + model + ": the translated graph is invalid:\n  "
                    + String.join("\n  ", problems) + "\nPlease report this with the model.");
        }
    }
}
