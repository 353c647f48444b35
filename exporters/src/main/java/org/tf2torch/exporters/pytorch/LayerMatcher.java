package org.tf2torch.exporters.pytorch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tf2torch.exporters.pytorch.ExportResult.Kind;
import org.tf2torch.exporters.pytorch.ops.PyLiterals;
import org.tf2torch.ir.Attrs;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Parameter;
import org.tf2torch.ir.PermutedTensor;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Use;
import org.tf2torch.ir.Value;

/**
 * Recognizes a layer of the model's structure as a torch layer when everything the graph does with that
 * layer's weights is exactly what the torch layer computes:
 * <ul>
 *   <li>{@code nn.Linear}: a 2-D weight read only as the right operand of matmuls, each followed by the add of
 *   the layer's 1-D bias when it has one (Keras Dense). The weight is stored transposed, as torch's
 *   {@code [out, in]}.
 *   <li>{@code nn.Conv2d}: a 4-D OIHW weight read only by 2-D convolutions with the same strides, dilations and
 *   groups, with the layer's bias as their bias when it has one. Asymmetric pads (TF SAME with an even kernel
 *   or a stride) cannot be an {@code nn.Conv2d} padding: the call pads explicitly first.
 *   <li>{@code nn.BatchNorm1d/2d/3d}: four weights read only as scale, offset, mean and variance of inference
 *   batch norms with one epsilon (Keras BatchNormalization, fused).
 * </ul>
 * A layer whose weights are read any other way (or not at all by this signature) stays a plain module holding
 * its weights, and the graph's functional code uses them.
 */
final class LayerMatcher {
    /** A state_dict entry of the torch layer, made from one IR parameter. */
    record Weight(String irParam, String local, Kind kind, Tensor data, String source) {}

    /**
     * @param torchClass e.g. {@code Linear} (model.py writes {@code nn.<torchClass>(<args>)})
     * @param scriptForward the forward's return expression in TorchScript, reading {@code input}
     * @param exprs IR parameter → expression relative to the layer module that yields TF's value
     * @param extraBuffers buffers the torch layer has beyond the weights (BatchNorm's counter)
     */
    /**
     * {@code frozen}: parameters of the torch layer that the TF layer does not have (set to
     * {@code requires_grad_(False)} after construction); {@code scriptMethod}: the archive's whole forward (lines
     * after the class header, {@code self} typed as U+0000) when it is not {@code return scriptForward}.
     */
    record Layer(String torchClass, String args, List<Weight> weights, List<Weight> extraBuffers,
                 String scriptForward, Map<String, String> exprs, String note, List<String> frozen,
                 List<String> scriptMethod) {
        Layer(String torchClass, String args, List<Weight> weights, List<Weight> extraBuffers, String scriptForward,
              Map<String, String> exprs, String note) {
            this(torchClass, args, weights, extraBuffers, scriptForward, exprs, note, List.of(), null);
        }
    }

    /**
     * One application: {@code head}'s result is the layer applied to {@code input} (after {@code pad}), narrowed
     * on the spatial axes from {@code cropBegin} to {@code head}'s static output sizes when not null.
     */
    record Call(Node head, Value input, long[] pad, Set<Node> absorbed, long[] cropBegin) {
        Call(Node head, Value input, long[] pad, Set<Node> absorbed) { this(head, input, pad, absorbed, null); }
    }

    record Match(Layer layer, List<Call> calls) {}

    private LayerMatcher() {}

    /**
     * @param params the layer's weights by raw attribute name
     * @param paramNodes IR parameter name → its PARAM node
     * @param live the nodes the module computes; uses by other nodes do not count
     */
    static Match match(List<Parameter> params, Map<String, Node> paramNodes, Set<Node> live, Graph g) {
        for (Parameter p : params) {
            Node n = paramNodes.get(p.name());
            if (n == null || g.isOutput(n.output()) || !p.data().dtype().isFloating()) return null;
        }
        Match m = linear(params, paramNodes, live);
        if (m == null) m = conv2d(params, paramNodes, live);
        if (m == null) m = batchNorm(params, paramNodes, live);
        if (m == null) m = LayerNormMatcher.match(params, paramNodes, live);
        if (m == null) m = ConvLayers.match(params, paramNodes, live);
        if (m == null) m = ConvTransposeMatcher.match(params, paramNodes, live);
        if (m == null) m = RnnLayers.match(params, paramNodes, live);
        if (m == null) m = EmbeddingLayer.match(params, paramNodes, live);
        return m;
    }

    private static List<Node> users(Value v, Set<Node> live) {
        List<Node> out = new ArrayList<>();
        for (Use u : v.uses()) if (live.contains(u.user())) out.add(u.user());
        return out;
    }

    private static boolean parameter(Parameter p) { return p.trainable(); }

    private static String dtypeArg(DType t) { return t == DType.F32 ? "" : ", dtype=" + t.torchName(); }

    private static Match linear(List<Parameter> ps, Map<String, Node> pn, Set<Node> live) {
        if (ps.isEmpty() || ps.size() > 2) return null;
        Parameter k = null;
        Parameter b = null;
        for (Parameter p : ps) {
            int rank = p.data().shape().rank();
            if (rank == 2 && k == null) k = p;
            else if (rank == 1 && b == null) b = p;
            else return null;
        }
        if (k == null || !parameter(k) || b != null && (!parameter(b) || b.data().dtype() != k.data().dtype())) {
            return null;
        }
        long in = k.data().shape().sizes()[0];
        long out = k.data().shape().sizes()[1];
        if (b != null && b.data().shape().sizes()[0] != out) return null;
        Value kv = pn.get(k.name()).output();
        Value bv = b == null ? null : pn.get(b.name()).output();
        List<Call> calls = new ArrayList<>();
        Set<Node> adds = new HashSet<>();
        for (Node mm : users(kv, live)) {
            if (mm.op() != Op.MATMUL || mm.input(1) != kv || mm.input(0) == kv || mm.input(0) == bv) return null;
            if (!mm.input(0).shape().hasRank() || mm.input(0).shape().rank() < 1) return null;
            if (b == null) {
                calls.add(new Call(mm, mm.input(0), null, Set.of()));
                continue;
            }
            List<Node> next = users(mm.output(), live);
            if (next.size() != 1 || mm.output().uses().size() != 1 || mm.graph().isOutput(mm.output())) return null;
            Node add = next.get(0);
            if (add.op() != Op.ADD || add.input(0) == add.input(1)) return null;
            Value other = add.input(0) == mm.output() ? add.input(1) : add.input(0);
            if (other != bv || !add.output().shape().equals(mm.output().shape())) return null;
            adds.add(add);
            calls.add(new Call(add, mm.input(0), null, Set.of(mm)));
        }
        if (calls.isEmpty()) return null;
        if (bv != null) for (Use u : bv.uses()) if (live.contains(u.user()) && !adds.contains(u.user())) return null;
        List<Weight> w = new ArrayList<>();
        w.add(new Weight(k.name(), "weight", Kind.PARAMETER, new PermutedTensor(k.data(), new int[] {1, 0}),
                k.name()));
        if (b != null) w.add(new Weight(b.name(), "bias", Kind.PARAMETER, b.data(), b.name()));
        Map<String, String> exprs = b == null ? Map.of(k.name(), "weight.t()")
                : Map.of(k.name(), "weight.t()", b.name(), "bias");
        String args = in + ", " + out + (b == null ? ", bias=False" : "") + dtypeArg(k.data().dtype());
        return new Match(new Layer("Linear", args, w, List.of(),
                "torch.linear(input, self.weight, " + (b == null ? "None" : "self.bias") + ")", exprs,
                k.data() instanceof org.tf2torch.ir.ReshapedTensor r
                        ? "weight stored transposed: TF's kernel " + r.base().shape() + " read as [in, out]"
                        : "weight stored transposed: TF's kernel is [in, out]"), calls);
    }

    private static Match conv2d(List<Parameter> ps, Map<String, Node> pn, Set<Node> live) {
        if (ps.isEmpty() || ps.size() > 2) return null;
        Parameter w = null;
        Parameter b = null;
        for (Parameter p : ps) {
            int rank = p.data().shape().rank();
            if (rank == 4 && w == null) w = p;
            else if (rank == 1 && b == null) b = p;
            else return null;
        }
        if (w == null || !parameter(w) || b != null && (!parameter(b) || b.data().dtype() != w.data().dtype())) {
            return null;
        }
        long[] ws = w.data().shape().sizes();
        if (b != null && b.data().shape().sizes()[0] != ws[0]) return null;
        Value wv = pn.get(w.name()).output();
        Value bv = b == null ? null : pn.get(b.name()).output();
        List<Node> convs = users(wv, live);
        if (convs.isEmpty() || convs.get(0).op() != Op.CONV) return null;
        Attrs first = convs.get(0).attrs();
        long[] pads0 = first.ints("pads");
        boolean samePads = true;
        for (Node c : convs) {
            if (c.op() != Op.CONV || c.input(1) != wv || c.input(0) == wv || c.inputs().size() != (b == null ? 2 : 3)) {
                return null;
            }
            if (b != null && c.input(2) != bv) return null;
            Attrs a = c.attrs();
            if (a.ints("pads").length != 4 || !Arrays.equals(a.ints("strides"), first.ints("strides"))
                    || !Arrays.equals(a.ints("dilations"), first.ints("dilations")) || a.i("group") != first.i("group")) {
                return null;
            }
            if (!c.input(0).shape().hasRank() || c.input(0).shape().rank() != 4) return null;
            samePads &= Arrays.equals(a.ints("pads"), pads0);
        }
        if (bv != null) for (Use u : bv.uses()) if (live.contains(u.user()) && !convs.contains(u.user())) return null;
        long[] padding = samePads ? symmetric(pads0) : null;
        List<Call> calls = new ArrayList<>();
        for (Node c : convs) {
            long[] p = c.attrs().ints("pads");
            long[] pad = padding != null || allZero(p) ? null : new long[] {p[1], p[3], p[0], p[2]};
            calls.add(new Call(c, c.input(0), pad, Set.of()));
        }
        long group = first.i("group");
        long[] stride = first.ints("strides");
        long[] dil = first.ints("dilations");
        long[] pad = padding == null ? new long[] {0, 0} : padding;
        StringBuilder args = new StringBuilder();
        args.append(ws[1] * group).append(", ").append(ws[0]).append(", kernel_size=").append(tuple(ws[2], ws[3]));
        if (stride[0] != 1 || stride[1] != 1) args.append(", stride=").append(tuple(stride[0], stride[1]));
        if (pad[0] != 0 || pad[1] != 0) args.append(", padding=").append(tuple(pad[0], pad[1]));
        if (dil[0] != 1 || dil[1] != 1) args.append(", dilation=").append(tuple(dil[0], dil[1]));
        if (group != 1) args.append(", groups=").append(group);
        if (b == null) args.append(", bias=False");
        args.append(dtypeArg(w.data().dtype()));
        List<Weight> weights = new ArrayList<>();
        weights.add(new Weight(w.name(), "weight", Kind.PARAMETER, w.data(), w.name()));
        if (b != null) weights.add(new Weight(b.name(), "bias", Kind.PARAMETER, b.data(), b.name()));
        Map<String, String> exprs = b == null ? Map.of(w.name(), "weight") : Map.of(w.name(), "weight", b.name(), "bias");
        String fwd = "torch.conv2d(input, self.weight, " + (b == null ? "None" : "self.bias") + ", "
                + PyLiterals.ints(stride) + ", " + PyLiterals.ints(pad) + ", " + PyLiterals.ints(dil) + ", " + group + ")";
        String note = padding == null && !allZero(pads0) || !samePads
                ? "TF's SAME padding is asymmetric here: each call pads explicitly first" : null;
        return new Match(new Layer("Conv2d", args.toString(), weights, List.of(), fwd, exprs, note), calls);
    }

    private static Match batchNorm(List<Parameter> ps, Map<String, Node> pn, Set<Node> live) {
        if (ps.size() != 4) return null;
        Value any = pn.get(ps.get(0).name()).output();
        List<Node> first = users(any, live);
        if (first.isEmpty() || first.get(0).op() != Op.BATCH_NORMALIZATION) return null;
        Node bn0 = first.get(0);
        Parameter[] role = new Parameter[4];
        for (Parameter p : ps) {
            Value v = pn.get(p.name()).output();
            int slot = -1;
            for (int i = 1; i <= 4; i++) if (bn0.input(i) == v) slot = i - 1;
            if (slot < 0 || role[slot] != null) return null;
            role[slot] = p;
        }
        Parameter scale = role[0];
        Parameter offset = role[1];
        Parameter mean = role[2];
        Parameter var = role[3];
        if (!scale.trainable() || !offset.trainable() || mean.trainable() || var.trainable()) return null;
        DType t = scale.data().dtype();
        long c = scale.data().shape().sizes()[0];
        for (Parameter p : role) {
            if (p.data().dtype() != t || !p.data().shape().equals(Shape.of(c))) return null;
        }
        double eps = bn0.attrs().f("epsilon");
        int rank = -1;
        Set<Node> nodes = new HashSet<>();
        for (Parameter p : role) {
            for (Node n : users(pn.get(p.name()).output(), live)) {
                if (n.op() != Op.BATCH_NORMALIZATION || n.attrs().f("epsilon") != eps) return null;
                for (int i = 0; i < 4; i++) if (n.input(i + 1) != pn.get(role[i].name()).output()) return null;
                Shape xs = n.input(0).shape();
                if (!xs.hasRank() || rank >= 0 && xs.rank() != rank || n.input(0) == n.input(1)) return null;
                rank = xs.rank();
                nodes.add(n);
            }
        }
        String cls = rank == 2 || rank == 3 ? "BatchNorm1d" : rank == 4 ? "BatchNorm2d" : rank == 5 ? "BatchNorm3d" : null;
        if (cls == null) return null;
        List<Call> calls = new ArrayList<>();
        for (Node n : live) if (nodes.contains(n)) calls.add(new Call(n, n.input(0), null, Set.of()));
        String epsText = PyLiterals.floating(eps, t);
        List<Weight> w = List.of(
                new Weight(scale.name(), "weight", Kind.PARAMETER, scale.data(), scale.name()),
                new Weight(offset.name(), "bias", Kind.PARAMETER, offset.data(), offset.name()),
                new Weight(mean.name(), "running_mean", Kind.BUFFER, mean.data(), mean.name()),
                new Weight(var.name(), "running_var", Kind.BUFFER, var.data(), var.name()));
        // torch counts training batches in a buffer of its own; TF has none, and the model arrives trained.
        Weight counter = new Weight(null, "num_batches_tracked", Kind.BUFFER,
                TensorValues.ofLongs(DType.I64, Shape.scalar(), new long[] {0}), "");
        Map<String, String> exprs = Map.of(scale.name(), "weight", offset.name(), "bias", mean.name(), "running_mean",
                var.name(), "running_var");
        String fwd = "torch.batch_norm(input, self.weight, self.bias, self.running_mean, self.running_var, False, 0.1, "
                + epsText + ", False)";
        return new Match(new Layer(cls, c + ", eps=" + epsText + dtypeArg(t), w, List.of(counter), fwd, exprs,
                "inference uses the moving statistics: call model.eval()"), calls);
    }

    private static long[] symmetric(long[] pads) {
        if (pads[0] != pads[2] || pads[1] != pads[3]) return null;
        return new long[] {pads[0], pads[1]};
    }

    private static boolean allZero(long[] v) {
        for (long x : v) if (x != 0) return false;
        return true;
    }

    private static String tuple(long a, long b) { return "(" + a + ", " + b + ")"; }
}
