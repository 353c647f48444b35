package org.tf2torch.importers.graph;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tensorflow.proto.NodeDef;

/**
 * One body being translated: the top-level graph, or one inlined call of a library function with its
 * arguments bound to the caller's values. Each call gets its own frame, so a function called twice is
 * translated twice with different inputs.
 */
final class Frame {
    final String function;
    final boolean functionSyntax;
    final Map<String, NodeDef> nodes = new HashMap<>();
    final Function<String, TfValue> args;
    final Map<String, List<TfValue>> memo = new HashMap<>();
    final Set<String> inProgress = new HashSet<>();

    Frame(String function, boolean functionSyntax, List<NodeDef> nodeList, Function<String, TfValue> args) {
        this.function = function;
        this.functionSyntax = functionSyntax;
        this.args = args;
        for (NodeDef n : nodeList) nodes.put(n.getName(), n);
    }
}
