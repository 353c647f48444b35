package org.tf2torch.exporters.pytorch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tf2torch.exporters.pytorch.ExportResult.Kind;
import org.tf2torch.exporters.pytorch.LayerMatcher.Call;
import org.tf2torch.exporters.pytorch.LayerMatcher.Layer;
import org.tf2torch.exporters.pytorch.LayerMatcher.Match;
import org.tf2torch.exporters.pytorch.LayerMatcher.Weight;
import org.tf2torch.exporters.pytorch.ModuleTree.Module;
import org.tf2torch.exporters.pytorch.ops.Dialect;
import org.tf2torch.ir.DType;
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
 * Keras LSTM and GRU layers ({@link Op#LSTM}, {@link Op#GRU}) as {@code nn.LSTM} / {@code nn.GRU} with
 * {@code batch_first=True}: a layer whose kernel, recurrent kernel and bias are read only as those operands of
 * recurrent ops. LSTM: the gate order is the same (i, f, c/g, o), the weights are stored transposed, Keras's one
 * bias is {@code bias_ih_l0} and {@code bias_hh_l0} is zero and frozen, so the trainable count stays Keras's. GRU
 * (reset_after): the column blocks z, r, h are reordered to torch's r, z, n, and Keras's bias rows are torch's
 * input and recurrent biases. Zero initial states (Keras's default) are left to torch, which starts from zeros.
 */
final class RnnLayers {
    private RnnLayers() {}

    static Match match(List<Parameter> ps, Map<String, Node> pn, Set<Node> live) {
        if (ps.size() != 3) return null;
        Node first = null;
        for (Parameter p : ps) {
            for (Use u : pn.get(p.name()).output().uses()) if (live.contains(u.user())) first = u.user();
        }
        if (first == null || first.op() != Op.LSTM && first.op() != Op.GRU) return null;
        boolean lstm = first.op() == Op.LSTM;
        int w = lstm ? 3 : 2;
        Parameter[] role = new Parameter[3];
        for (Parameter p : ps) {
            int slot = -1;
            for (int i = 0; i < 3; i++) if (first.input(w + i) == pn.get(p.name()).output()) slot = i;
            if (slot < 0 || role[slot] != null || !p.trainable()) return null;
            role[slot] = p;
        }
        DType t = role[0].data().dtype();
        for (Parameter p : role) if (p.data().dtype() != t || !t.isFloating()) return null;
        List<Call> calls = new ArrayList<>();
        Boolean zeros = null;
        for (Parameter p : role) {
            Value v = pn.get(p.name()).output();
            for (Use u : v.uses()) {
                Node n = u.user();
                if (!live.contains(n)) continue;
                if (n.op() != first.op()) return null;
                for (int i = 0; i < 3; i++) if (n.input(w + i) != pn.get(role[i].name()).output()) return null;
                for (int i = 0; i < w; i++) if (n.input(i) == v) return null;
                boolean z = zeroStates(n);
                if (zeros != null && zeros != z) return null;
                zeros = z;
                boolean seen = false;
                for (Call c : calls) seen |= c.head() == n;
                if (!seen) calls.add(new Call(n, n.input(0), null, z ? stateNodes(n, live) : Set.of()));
            }
        }
        long in = role[0].data().shape().sizes()[0];
        long units = role[1].data().shape().sizes()[0];
        String dt = t == DType.F32 ? "" : ", dtype=" + t.torchName();
        String args = in + ", " + units + ", batch_first=True" + dt;
        String cls = lstm ? "LSTM" : "GRU";
        List<Weight> weights = new ArrayList<>();
        List<Weight> extra = new ArrayList<>();
        Map<String, String> exprs;
        String note;
        List<String> frozen = List.of();
        if (lstm) {
            weights.add(new Weight(role[0].name(), "weight_ih_l0", Kind.PARAMETER, new PermutedTensor(role[0].data(),
                    new int[] {1, 0}), role[0].name()));
            weights.add(new Weight(role[1].name(), "weight_hh_l0", Kind.PARAMETER, new PermutedTensor(role[1].data(),
                    new int[] {1, 0}), role[1].name()));
            weights.add(new Weight(role[2].name(), "bias_ih_l0", Kind.PARAMETER, role[2].data(), role[2].name()));
            extra.add(new Weight(null, "bias_hh_l0", Kind.PARAMETER, TensorValues.ofDoubles(t, Shape.of(4 * units),
                    new double[(int) (4 * units)]), ""));
            exprs = Map.of(role[0].name(), "weight_ih_l0.t()", role[1].name(), "weight_hh_l0.t()", role[2].name(),
                    "bias_ih_l0");
            note = "weights transposed; Keras has one bias: bias_hh_l0 stays zero and is not trained";
            frozen = List.of("bias_hh_l0");
        } else {
            Tensor b = role[2].data();
            weights.add(new Weight(role[0].name(), "weight_ih_l0", Kind.PARAMETER, gruRows(role[0].data(), -1, units),
                    role[0].name()));
            weights.add(new Weight(role[1].name(), "weight_hh_l0", Kind.PARAMETER, gruRows(role[1].data(), -1, units),
                    role[1].name()));
            weights.add(new Weight(role[2].name(), "bias_ih_l0", Kind.PARAMETER, gruRows(b, 0, units), role[2].name()));
            weights.add(new Weight(role[2].name(), "bias_hh_l0", Kind.PARAMETER, gruRows(b, 1, units), role[2].name()));
            // Only the layer reads these weights (the match requires it), so no code uses these expressions.
            exprs = Map.of(role[0].name(), "weight_ih_l0", role[1].name(), "weight_hh_l0", role[2].name(), "bias_ih_l0");
            note = "weights transposed and gates reordered from Keras's z, r, h to torch's r, z, n; "
                    + "Keras's bias rows are bias_ih_l0 and bias_hh_l0";
        }
        return new Match(new Layer(cls, args, weights, extra, null, exprs, note, frozen,
                scriptMethod(lstm, units, zeros)), calls);
    }

    /**
     * Keras's (z, r, h) column blocks of a [in, 3U] kernel as torch's (r, z, n) rows of [3U, in] ({@code row < 0}),
     * or row {@code row} of the [2, 3U] bias reordered the same way.
     */
    private static Tensor gruRows(Tensor t, int row, long u) {
        double[] v = TensorValues.toDoubles(t);
        int[] from = {1, 0, 2};
        if (row >= 0) {
            double[] out = new double[(int) (3 * u)];
            for (int g = 0; g < 3; g++) {
                System.arraycopy(v, (int) (row * 3 * u + from[g] * u), out, (int) (g * u), (int) u);
            }
            return TensorValues.ofDoubles(t.dtype(), Shape.of(3 * u), out);
        }
        long in = t.shape().sizes()[0];
        double[] out = new double[v.length];
        for (int g = 0; g < 3; g++) {
            for (long k = 0; k < u; k++) {
                for (long i = 0; i < in; i++) out[(int) ((g * u + k) * in + i)] = v[(int) (i * 3 * u + from[g] * u + k)];
            }
        }
        return TensorValues.ofDoubles(t.dtype(), Shape.of(3 * u, in), out);
    }

    /** True when every initial state of {@code n} is zeros (a zero scalar expanded, or a zero constant). */
    static boolean zeroStates(Node n) {
        int states = n.op() == Op.LSTM ? 2 : 1;
        for (int i = 1; i <= states; i++) if (!isZero(n.input(i))) return false;
        return true;
    }

    private static boolean isZero(Value v) {
        Node p = v.producer();
        if (p == null) return false;
        if (p.op() == Op.EXPAND) return isZero(p.input(0));
        if (p.op() != Op.CONSTANT) return false;
        for (double d : TensorValues.toDoubles(p.attrs().tensor("value"))) if (d != 0 || 1 / d < 0) return false;
        return true;
    }

    /** The nodes that only compute the zero states: torch makes those itself. */
    private static Set<Node> stateNodes(Node n, Set<Node> live) {
        Set<Node> out = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Node> work = new ArrayList<>();
        int states = n.op() == Op.LSTM ? 2 : 1;
        for (int i = 1; i <= states; i++) if (n.input(i).producer() != null) work.add(n.input(i).producer());
        while (!work.isEmpty()) {
            Node p = work.remove(work.size() - 1);
            if (out.contains(p) || p.op() == Op.PARAM || p.graph().isOutput(p.output())) continue;
            boolean only = true;
            for (Value o : p.outputs()) {
                for (Use u : o.uses()) {
                    boolean state = u.user() == n && u.operand() >= 1 && u.operand() <= states;
                    if (live.contains(u.user()) && !state && !out.contains(u.user())) only = false;
                }
            }
            if (!only) continue;
            out.add(p);
            for (Value in : p.inputs()) if (in.producer() != null) work.add(in.producer());
        }
        return out;
    }

    /**
     * The archive's forward: the recurrence nn.LSTM / nn.GRU computes, written as a loop over the steps. Not the
     * aten op: libtorch 2.5.1's CPU {@code aten::lstm} (the oneDNN path) returned results off by ~1e-2 for the
     * TEXT_LSTM fixture where torch 1.13 and this loop agree with TF.
     */
    private static List<String> scriptMethod(boolean lstm, long units, boolean zeros) {
        String self = "\u0000";
        List<String> out = new ArrayList<>();
        String tuple = lstm ? "Tuple[Tensor, Tensor, Tensor]" : "Tuple[Tensor, Tensor]";
        out.add("  def forward(self: " + self + ",");
        out.add("    input: Tensor" + (zeros ? "" : lstm ? ",\n    h0: Tensor,\n    c0: Tensor" : ",\n    h0: Tensor")
                + ") -> " + tuple + ":");
        String zero = "torch.new_zeros(input, [torch.size(input, 0), " + units + "])";
        out.add("    h = " + (zeros ? zero : "h0"));
        if (lstm) out.add("    c = " + (zeros ? zero : "c0"));
        out.add("    outputs = annotate(List[Tensor], [])");
        out.add("    for t in range(torch.size(input, 1)):");
        out.add("      gi = torch.linear(torch.select(input, 1, t), self.weight_ih_l0, self.bias_ih_l0)");
        out.add("      gh = torch.linear(h, self.weight_hh_l0, self.bias_hh_l0)");
        if (lstm) {
            out.add("      g = torch.chunk(torch.add(gi, gh), 4, 1)");
            out.add("      c = torch.add(torch.mul(torch.sigmoid(g[1]), c), torch.mul(torch.sigmoid(g[0]), torch.tanh(g[2])))");
            out.add("      h = torch.mul(torch.sigmoid(g[3]), torch.tanh(c))");
        } else {
            out.add("      i3 = torch.chunk(gi, 3, 1)");
            out.add("      h3 = torch.chunk(gh, 3, 1)");
            out.add("      r = torch.sigmoid(torch.add(i3[0], h3[0]))");
            out.add("      z = torch.sigmoid(torch.add(i3[1], h3[1]))");
            out.add("      n = torch.tanh(torch.add(i3[2], torch.mul(r, h3[2])))");
            out.add("      h = torch.add(torch.mul(torch.rsub(z, 1), n), torch.mul(z, h))");
        }
        out.add("      _0 = torch.append(outputs, h)");
        out.add("    return (torch.stack(outputs, 1), h" + (lstm ? ", c)" : ")"));
        return out;
    }

    /**
     * A Keras RNN layer's weights live in its {@code cell}; when the cell is the layer's only content the torch
     * layer takes the layer's place ({@code self.lstm}, not {@code self.lstm.cell}).
     */
    static Module hoist(Module m, Layer layer) {
        if (layer.scriptMethod() == null || !(layer.torchClass().equals("LSTM") || layer.torchClass().equals("GRU"))) {
            return m;
        }
        Module p = m.parent;
        if (p == null || p.isRoot() || !p.params.isEmpty() || p.children.size() != 1) return m;
        p.children.clear();
        p.items.remove(m);
        return p;
    }

    /** Writes the call of an LSTM/GRU layer: {@code seq, (h, c) = self.lstm(x)} and binds the node's results. */
    static void writeCall(ForwardWriter w, Call call, Module m) {
        Node n = call.head();
        boolean lstm = n.op() == Op.LSTM;
        boolean zeros = zeroStates(n);
        Dialect d = w.dialect();
        String x = w.expr(call.input());
        List<String> names = new ArrayList<>();
        String[] suffix = {"", "_h", "_c"};
        for (int i = 0; i < n.outputs().size(); i++) names.add(w.claim(n.output().name() + suffix[i]));
        String target;
        String args;
        if (d == Dialect.EAGER) {
            target = lstm ? names.get(0) + ", (" + names.get(1) + ", " + names.get(2) + ")"
                    : names.get(0) + ", " + names.get(1);
            args = x;
            if (!zeros) {
                args += ", " + (lstm ? "(" + w.expr(n.input(1)) + ".unsqueeze(0), " + w.expr(n.input(2)) + ".unsqueeze(0))"
                        : w.expr(n.input(1)) + ".unsqueeze(0)");
            }
            w.line(target + " = self." + m.path() + "(" + args + ")" + w.provenance(n));
            w.bind(n.outputs().get(0), names.get(0));
            // torch returns the states with a leading layer axis
            for (int i = 1; i < names.size(); i++) w.bind(n.outputs().get(i), names.get(i) + "[0]");
            return;
        }
        target = String.join(", ", names);
        args = x;
        if (!zeros) args += lstm ? ", " + w.expr(n.input(1)) + ", " + w.expr(n.input(2)) : ", " + w.expr(n.input(1));
        w.line(target + " = (self." + m.path() + ").forward(" + args + ")");
        for (int i = 0; i < names.size(); i++) w.bind(n.outputs().get(i), names.get(i));
    }
}
