package org.tf2torch.importers.graph;

/**
 * TF ops that change variables. A signature that runs one (a counter's increment, a training step) would lose
 * its state update in a stateless nn.Module, so it is refused with this reason rather than converted wrongly.
 */
final class StatefulOps {
    private StatefulOps() {}

    static String reason(String op) {
        if (op.startsWith("ResourceApply") || op.startsWith("Apply") || op.startsWith("ResourceSparseApply")
                || op.startsWith("SparseApply")) {
            return "applies an optimizer update to a variable: this signature trains the model; convert an "
                    + "inference signature instead (--signature)";
        }
        switch (op) {
            case "Assign": case "AssignVariableOp":
                return "assigns a variable: this signature changes the model's state, which a converted module "
                        + "would not keep; convert a signature that only reads variables (--signature)";
            case "AssignAdd": case "AssignSub": case "AssignAddVariableOp": case "AssignSubVariableOp":
            case "ScatterAdd": case "ScatterUpdate": case "ResourceScatterAdd": case "ResourceScatterUpdate":
                return "updates a variable in place: this signature changes the model's state, which a converted "
                        + "module would not keep; convert a signature that only reads variables (--signature)";
            default:
                return null;
        }
    }
}
