package org.tf2torch.exporters.pytorch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Parameter;
import org.tf2torch.ir.Use;
import org.tf2torch.ir.Value;

/**
 * A Keras SeparableConv2D holds {@code depthwise_kernel}, {@code pointwise_kernel} and {@code bias}, and computes a
 * depthwise conv followed by a 1x1 conv with the bias. torch has no single layer for that, but two: so when the
 * graph reads the weights exactly that way, the layer becomes a small module with two children, {@code depthwise}
 * (the kernel alone) and {@code pointwise} (its kernel and the bias), which the conv matchers then turn into
 * {@code nn.Conv2d}s: the state_dict says {@code sep.depthwise.weight}, {@code sep.pointwise.weight},
 * {@code sep.pointwise.bias}. A layer read any other way keeps its three weights where they were.
 */
final class SeparableConvs {
    static final String DEPTHWISE = "depthwise_kernel";
    static final String POINTWISE = "pointwise_kernel";
    static final String BIAS = "bias";

    private SeparableConvs() {}

    /** New paths for the weights of the separable conv layers that split, by IR parameter name. */
    static Map<String, List<String>> paths(Graph g) {
        Map<List<String>, Map<String, Parameter>> layers = new LinkedHashMap<>();
        for (Parameter p : g.params().values()) {
            if (!p.hasPath()) continue;
            List<String> path = p.path();
            layers.computeIfAbsent(path.subList(0, path.size() - 1), k -> new HashMap<>())
                    .put(path.get(path.size() - 1), p);
        }
        Map<String, Node> nodes = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (Node n : g.nodes()) {
            if (n.op() != Op.PARAM) continue;
            nodes.put(n.attrs().s("name"), n);
            count.merge(n.attrs().s("name"), 1, Integer::sum);
        }
        Map<String, List<String>> out = new HashMap<>();
        for (Map.Entry<List<String>, Map<String, Parameter>> e : layers.entrySet()) {
            Map<String, Parameter> w = e.getValue();
            Parameter dw = w.get(DEPTHWISE);
            Parameter pw = w.get(POINTWISE);
            Parameter bias = w.get(BIAS);
            if (dw == null || pw == null || w.size() != (bias == null ? 2 : 3)) continue;
            boolean single = true;
            for (Parameter p : w.values()) single &= count.getOrDefault(p.name(), 0) == 1;
            if (!single || !separable(nodes.get(dw.name()).output(), nodes.get(pw.name()).output(), g)) continue;
            out.put(dw.name(), child(e.getKey(), "depthwise", DEPTHWISE));
            out.put(pw.name(), child(e.getKey(), "pointwise", POINTWISE));
            if (bias != null) out.put(bias.name(), child(e.getKey(), "pointwise", BIAS));
        }
        return out;
    }

    /**
     * Every conv reading the depthwise kernel (directly or through one reshape, as with a channel multiplier)
     * feeds only a conv that reads the pointwise kernel, and the pointwise kernel is read by nothing else.
     */
    private static boolean separable(Value dw, Value pw, Graph g) {
        List<Node> depthwise = new ArrayList<>();
        for (Use u : dw.uses()) {
            Node n = u.user();
            if (n.op() == Op.RESHAPE && u.operand() == 0) {
                for (Use r : n.output().uses()) depthwise.add(r.user());
            } else {
                depthwise.add(n);
            }
        }
        if (depthwise.isEmpty() || pw.uses().size() != depthwise.size()) return false;
        for (Node d : depthwise) {
            if (d.op() != Op.CONV || d.input(0) == d.input(1) || g.isOutput(d.output())) return false;
            if (d.output().uses().size() != 1) return false;
            Node p = d.output().uses().get(0).user();
            if (p.op() != Op.CONV || p.input(0) != d.output() || p.input(1) != pw) return false;
        }
        return true;
    }

    private static List<String> child(List<String> layer, String child, String attr) {
        List<String> out = new ArrayList<>(layer);
        out.add(child);
        out.add(attr);
        return out;
    }
}
