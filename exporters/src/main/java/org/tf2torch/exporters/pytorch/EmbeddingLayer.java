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
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Parameter;
import org.tf2torch.ir.Use;
import org.tf2torch.ir.Value;

/**
 * Keras Embedding as {@code nn.Embedding}: a layer whose one 2-D weight is read only as the data of gathers along
 * axis 0 by int32/int64 ids (TF's ResourceGather/GatherV2). Ids out of range fail in torch as they do in TF on
 * the CPU.
 */
final class EmbeddingLayer {
    private EmbeddingLayer() {}

    static Match match(List<Parameter> ps, Map<String, Node> pn, Set<Node> live) {
        if (ps.size() != 1) return null;
        Parameter p = ps.get(0);
        if (!p.trainable() || p.data().shape().rank() != 2 || !p.data().dtype().isFloating()) return null;
        Value w = pn.get(p.name()).output();
        List<Call> calls = new ArrayList<>();
        for (Use u : w.uses()) {
            Node n = u.user();
            if (!live.contains(n)) continue;
            if (n.op() != Op.GATHER || n.attrs().i("axis") != 0 || n.input(0) != w || n.input(1) == w) return null;
            DType ids = n.input(1).dtype();
            if (ids != DType.I32 && ids != DType.I64) return null;
            calls.add(new Call(n, n.input(1), null, Set.of()));
        }
        if (calls.isEmpty()) return null;
        long[] s = p.data().shape().sizes();
        DType t = p.data().dtype();
        String args = s[0] + ", " + s[1] + (t == DType.F32 ? "" : ", dtype=" + t.torchName());
        return new Match(new Layer("Embedding", args, List.of(new Weight(p.name(), "weight", Kind.PARAMETER, p.data(),
                p.name())), List.of(), "torch.embedding(self.weight, input, -1, False, False)", Map.of(p.name(), "weight"),
                null), calls);
    }
}
