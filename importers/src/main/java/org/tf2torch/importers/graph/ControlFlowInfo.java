package org.tf2torch.importers.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.NodeDef;

/**
 * The TF1 while-loop frame of every node of a GraphDef, found as TF's executor does: frames flow forward
 * along data and control edges from the nodes without inputs (the root frame, ""); an {@code Enter} starts its
 * {@code frame_name} (whose parent is its input's frame) and an {@code Exit} returns to the parent frame.
 */
final class ControlFlowInfo {
    static final String ROOT = "";

    private final Map<String, String> frameOf = new HashMap<>();
    private final Map<String, String> parentOf = new HashMap<>();
    private final Map<String, List<String>> members = new HashMap<>();
    private final Map<String, List<String>> consumers = new HashMap<>();

    ControlFlowInfo(List<NodeDef> nodes) {
        Map<String, NodeDef> byName = new HashMap<>();
        Deque<String> work = new ArrayDeque<>();
        for (NodeDef n : nodes) {
            byName.put(n.getName(), n);
            if (n.getInputCount() == 0) {
                frameOf.put(n.getName(), ROOT);
                work.add(n.getName());
            }
            for (String ref : n.getInputList()) {
                consumers.computeIfAbsent(nodeName(ref), k -> new ArrayList<>()).add(n.getName());
            }
        }
        while (!work.isEmpty()) {
            String src = work.poll();
            String frame = frameOf.get(src);
            for (String dst : consumers.getOrDefault(src, List.of())) {
                if (frameOf.containsKey(dst)) continue;
                NodeDef d = byName.get(dst);
                String f = frame;
                if (d.getOp().equals("Enter") || d.getOp().equals("RefEnter")) {
                    f = d.getAttrMap().get("frame_name").getS().toStringUtf8();
                    parentOf.putIfAbsent(f, frame);
                } else if (d.getOp().equals("Exit") || d.getOp().equals("RefExit")) {
                    f = parentOf.getOrDefault(frame, ROOT);
                }
                frameOf.put(dst, f);
                work.add(dst);
            }
        }
        for (NodeDef n : nodes) {
            String f = frameOf.get(n.getName());
            if (f != null) members.computeIfAbsent(f, k -> new ArrayList<>()).add(n.getName());
        }
    }

    static String nodeName(String ref) {
        String r = ref.startsWith("^") ? ref.substring(1) : ref;
        int colon = r.indexOf(':');
        return colon < 0 ? r : r.substring(0, colon);
    }

    /** The frame of {@code node}; the root frame for a node no source reaches. */
    String frameOf(String node) { return frameOf.getOrDefault(node, ROOT); }

    String parentOf(String frame) { return parentOf.getOrDefault(frame, ROOT); }

    /** Nodes of {@code frame} in GraphDef order. */
    List<String> members(String frame) { return members.getOrDefault(frame, List.of()); }

    /** Nodes reading an output of {@code node} (data or control), in GraphDef order. */
    List<String> consumers(String node) { return consumers.getOrDefault(node, List.of()); }
}
