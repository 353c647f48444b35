package org.tf2torch.importers.graph;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tensorflow.proto.NodeDef;
import org.tf2torch.ir.Graph;

/**
 * One body being translated: the top-level graph, one inlined call of a library function with its
 * arguments bound to the caller's values, or the cond or body of a TF1 while loop being rebuilt (then
 * {@code loop} is set and {@code graph} is that subgraph). Each call gets its own frame, so a function called
 * twice is translated twice with different inputs.
 */
final class Frame {
    final String function;
    final boolean functionSyntax;
    final Map<String, NodeDef> nodes;
    final Function<String, TfValue> args;
    final Map<String, List<TfValue>> memo = new HashMap<>();
    final Set<String> inProgress = new HashSet<>();
    /** The IR graph this frame's nodes are added to. */
    final Graph graph;
    final Conds conds;
    /** The enclosing frame of a loop's cond or body; null otherwise. */
    final Frame parent;
    /** The TF1 frame name whose nodes this frame translates ("" outside while loops). */
    final String tfFrame;
    /** The loop being rebuilt when this frame is its cond or body. */
    final WhileLoop loop;
    /** Loops already rebuilt in this frame, by TF frame name: their results. */
    final Map<String, List<TfValue>> loops = new HashMap<>();

    Frame(String function, boolean functionSyntax, List<NodeDef> nodeList, Function<String, TfValue> args, Graph graph) {
        this(function, functionSyntax, nodeList, args, graph, null, null);
    }

    /**
     * A function body adding nodes to {@code graph}. Inside a loop's cond or body (a functional While's, or an
     * inlined call there) {@code parent} and {@code loop} are those of the loop, so variables read in it are
     * captured from the enclosing frame.
     */
    Frame(String function, boolean functionSyntax, List<NodeDef> nodeList, Function<String, TfValue> args, Graph graph,
          Frame parent, WhileLoop loop) {
        this.function = function;
        this.functionSyntax = functionSyntax;
        this.args = args;
        this.nodes = new HashMap<>();
        for (NodeDef n : nodeList) nodes.put(n.getName(), n);
        this.graph = graph;
        this.conds = new Conds(graph);
        this.parent = parent;
        this.tfFrame = loop == null ? ControlFlowInfo.ROOT : loop.frameName();
        this.loop = loop;
    }

    /** The cond or body frame of {@code loop}, adding nodes to {@code graph}. */
    Frame(Frame parent, WhileLoop loop, Graph graph) {
        this.function = parent.function;
        this.functionSyntax = parent.functionSyntax;
        this.args = name -> null;
        this.nodes = parent.nodes;
        this.graph = graph;
        this.conds = new Conds(graph);
        this.parent = parent;
        this.tfFrame = loop.frameName();
        this.loop = loop;
    }
}
