package org.tf2torch.importers.graph;

import org.tensorflow.proto.NodeDef;

/** Finds the stored value of the variable a {@code VarHandleOp} or {@code VariableV2} node names. */
public interface VariableSource {
    /**
     * Registers the variable as a graph parameter (once) and returns the parameter's name; throws an
     * {@link org.tf2torch.importers.ImportException} naming the variable when the checkpoint lacks it.
     */
    String parameterFor(NodeDef node, String function);
}
