package org.tf2torch.importers.graph;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tf2torch.importers.ImportReport;

/**
 * State changes that the demand-driven translation cannot see. It follows data inputs only, so a TF1 signature
 * whose output waits on {@code ^counter/AssignAdd} through a control dependency, or a function reached only that
 * way, would convert without its update: a wrong model. Running the signature runs those ops, so they are
 * refused like the stateful ops the translation meets.
 */
public final class HiddenStateChanges {
    private HiddenStateChanges() {}

    /**
     * Reports every stateful op that running {@code outputs} (top-level tensor names) executes but the translation
     * did not visit: top-level nodes reached only through a control edge, and the bodies of functions (nested
     * calls included) that the translation did not inline.
     */
    public static void report(GraphDef def, Collection<String> outputs, Set<String> inlinedFunctions,
            ImportReport report) {
        Map<String, NodeDef> nodes = new HashMap<>();
        for (NodeDef n : def.getNodeList()) nodes.put(n.getName(), n);
        Map<String, FunctionDef> library = new HashMap<>();
        for (FunctionDef f : def.getLibrary().getFunctionList()) library.put(f.getSignature().getName(), f);

        Set<String> data = reach(nodes, outputs, false);
        Set<String> all = reach(nodes, outputs, true);
        Set<String> functions = new LinkedHashSet<>();
        for (String name : all) {
            NodeDef n = nodes.get(name);
            if (!data.contains(name)) {
                String why = StatefulOps.reason(n.getOp());
                if (why != null) report.addUnsupported(n.getOp(), name, "", why + CONTROL);
            }
            callees(n, library, functions);
        }
        // Bodies of called functions, nested calls included, whether a data or a control edge led to them.
        Deque<String> todo = new ArrayDeque<>(functions);
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String fn = todo.pop();
            if (!seen.add(fn)) continue;
            FunctionDef f = library.get(fn);
            Set<String> nested = new LinkedHashSet<>();
            for (NodeDef n : f.getNodeDefList()) {
                callees(n, library, nested);
                String why = StatefulOps.reason(n.getOp());
                if (why != null && !inlinedFunctions.contains(fn)) {
                    report.addUnsupported(n.getOp(), n.getName(), fn, why + CONTROL);
                }
            }
            todo.addAll(nested);
        }
    }

    private static final String CONTROL = " (it runs with the signature through a control dependency)";

    /** Functions node {@code n} calls: by {@code f} (the call ops, If/While branches) or as its op name. */
    private static void callees(NodeDef n, Map<String, FunctionDef> library, Set<String> out) {
        if (library.containsKey(n.getOp())) out.add(n.getOp());
        for (AttrValue a : n.getAttrMap().values()) {
            if (a.hasFunc() && library.containsKey(a.getFunc().getName())) out.add(a.getFunc().getName());
            for (var f : a.getList().getFuncList()) if (library.containsKey(f.getName())) out.add(f.getName());
        }
    }

    private static Set<String> reach(Map<String, NodeDef> nodes, Collection<String> outputs, boolean control) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (String o : outputs) todo.push(o.split(":")[0]);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            NodeDef n = nodes.get(name);
            if (n == null || !seen.add(name)) continue;
            for (String in : n.getInputList()) {
                boolean ctl = in.startsWith("^");
                if (ctl && !control) continue;
                todo.push((ctl ? in.substring(1) : in).split(":")[0]);
            }
        }
        return seen;
    }
}
