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
