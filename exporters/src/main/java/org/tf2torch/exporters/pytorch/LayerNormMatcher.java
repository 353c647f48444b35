package org.tf2torch.exporters.pytorch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tf2torch.exporters.pytorch.ExportResult.Kind;
import org.tf2torch.exporters.pytorch.LayerMatcher.Call;
import org.tf2torch.exporters.pytorch.LayerMatcher.Layer;
import org.tf2torch.exporters.pytorch.LayerMatcher.Match;
import org.tf2torch.exporters.pytorch.LayerMatcher.Weight;
import org.tf2torch.exporters.pytorch.ops.PyLiterals;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Parameter;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Use;
import org.tf2torch.ir.Value;

/**
 * {@code nn.LayerNorm(d, eps=...)}: a layer with two trainable 1-D weights of size d read only as scale and bias of
 * layer norms over the last axis (of size d) with one epsilon (Keras LayerNormalization, axis -1, center and
 * scale). torch 1.13's LayerNorm has no bias-free form, so a layer with one of the two stays functional.
 */
final class LayerNormMatcher {
    private LayerNormMatcher() {}

    static Match match(List<Parameter> ps, Map<String, Node> pn, Set<Node> live) {
        if (ps.size() != 2) return null;
        Value first = pn.get(ps.get(0).name()).output();
        Node ln0 = null;
        for (Use u : first.uses()) if (live.contains(u.user())) { ln0 = u.user(); break; }
        if (ln0 == null || ln0.op() != Op.LAYER_NORMALIZATION || ln0.inputs().size() != 3) return null;
        Parameter scale = null;
        Parameter bias = null;
        for (Parameter p : ps) {
            Value v = pn.get(p.name()).output();
            if (ln0.input(1) == v && scale == null) scale = p;
            else if (ln0.input(2) == v && bias == null) bias = p;
        }
        if (scale == null || bias == null || !scale.trainable() || !bias.trainable()) return null;
        DType t = scale.data().dtype();
        Shape s = scale.data().shape();
        if (s.rank() != 1 || bias.data().dtype() != t || !bias.data().shape().equals(s)) return null;
        long d = s.sizes()[0];
        Value sv = pn.get(scale.name()).output();
        Value bv = pn.get(bias.name()).output();
        double eps = ln0.attrs().f("epsilon");
        List<Call> calls = new ArrayList<>();
        for (Value v : List.of(sv, bv)) {
            for (Use u : v.uses()) {
                Node n = u.user();
                if (!live.contains(n)) continue;
                if (n.op() != Op.LAYER_NORMALIZATION || n.inputs().size() != 3 || n.input(1) != sv || n.input(2) != bv
                        || n.input(0) == sv || n.input(0) == bv || n.attrs().f("epsilon") != eps) {
                    return null;
                }
                Shape xs = n.input(0).shape();
                if (!xs.hasRank() || xs.rank() < 1 || !xs.dim(-1).isStatic() || xs.dim(-1).size() != d) return null;
                long axis = n.attrs().i("axis");
                if (axis != -1 && axis != xs.rank() - 1) return null;
                if (v == sv) calls.add(new Call(n, n.input(0), null, Set.of()));
            }
        }
        if (calls.isEmpty()) return null;
        String epsText = PyLiterals.floating(eps, t);
        List<Weight> w = List.of(new Weight(scale.name(), "weight", Kind.PARAMETER, scale.data(), scale.name()),
                new Weight(bias.name(), "bias", Kind.PARAMETER, bias.data(), bias.name()));
        String dt = t == DType.F32 ? "" : ", dtype=" + t.torchName();
        return new Match(new Layer("LayerNorm", d + ", eps=" + epsText + dt, w, List.of(),
                "torch.layer_norm(input, [" + d + "], self.weight, self.bias, " + epsText + ")",
                Map.of(scale.name(), "weight", bias.name(), "bias"), null), calls);
    }
}
