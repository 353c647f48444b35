package org.tf2torch.ir.passes;

import java.util.List;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Verifier;

/**
 * Runs passes in order until none changes the graph, optionally verifying after each. Each pass also runs on
 * every subgraph (a loop's cond and body) as a graph of its own, so a pass needs no knowledge of loops.
 */
public final class PassPipeline {
    private final List<Pass> passes;
    private final boolean verify;

    public PassPipeline(List<Pass> passes, boolean verify) {
        this.passes = List.copyOf(passes);
        this.verify = verify;
    }

    /** The cleanup every conversion gets. */
    public static PassPipeline standard(boolean verify) {
        return new PassPipeline(List.of(new IdentityRemoval(), new Conv1dFolding(), new ConstantFolding(),
                new TransposeOptimization(),
                new ParameterLayoutFolding(), new ConstantFolding(), new ConvBiasFusion(),
                new TensordotFolding(), new EinsumProjection(), new LayerNormFusion(), new GeluFusion(),
                // after the fusions: the fused layer norm is recognized by its reshape back to shape(x)
                new ReshapeTargetFolding(),
                new DeadCodeElimination()), verify);
    }

    public void run(Graph g) {
        for (int round = 0; round < 10; round++) {
            boolean changed = false;
            for (Pass p : passes) {
                boolean c = p.run(g) | Subgraphs.runInside(p, g);
                if (c && verify) {
                    try {
                        Verifier.verify(g);
                    } catch (IllegalStateException e) {
                        throw new IllegalStateException("after pass " + p.name() + ": " + e.getMessage(), e);
                    }
                }
                changed |= c;
            }
            if (!changed) return;
        }
    }
}
