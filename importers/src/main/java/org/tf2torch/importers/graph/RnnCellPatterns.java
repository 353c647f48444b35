package org.tf2torch.importers.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tf2torch.ir.TensorValues;

/**
 * Dataflow checks on a function body: what each tensor is (looking through Identity), and the step of a Keras
 * LSTM or GRU with its default activations, as Keras's {@code standard_lstm} / {@code standard_gru} write it.
 * A match is proof that the body computes exactly that cell, so the call can become one recurrent IR op.
 */
final class RnnCellPatterns {
    /** A tensor of the body: output {@code out} of {@code node}, or the function argument {@code arg}. */
    record Ref(String node, int out, int arg) {
        static Ref ofArg(int i) { return new Ref(null, 0, i); }
        boolean isArg() { return node == null; }
    }

    /** One matched LSTM step: its input x_t, previous and new state. */
    record LstmStep(Ref x, Ref hPrev, Ref cPrev, Ref hNew, Ref cNew) {}

    /** One matched GRU step. */
    record GruStep(Ref x, Ref hPrev, Ref hNew) {}

    final FunctionDef fn;
    private final Map<String, NodeDef> nodes = new HashMap<>();
    private final Map<String, Integer> args = new HashMap<>();

    RnnCellPatterns(FunctionDef fn) {
        this.fn = fn;
        for (NodeDef n : fn.getNodeDefList()) nodes.put(n.getName(), n);
        List<OpDef.ArgDef> in = fn.getSignature().getInputArgList();
        for (int i = 0; i < in.size(); i++) args.put(in.get(i).getName(), i);
    }

    List<NodeDef> nodes() { return fn.getNodeDefList(); }

    NodeDef node(Ref r) { return r == null || r.isArg() ? null : nodes.get(r.node()); }

    /** The tensor a reference names, through Identity chains. */
    Ref ref(String text) {
        String[] p = text.split(":");
        if (p.length == 1 && args.containsKey(p[0])) return Ref.ofArg(args.get(p[0]));
        NodeDef n = nodes.get(p[0]);
        if (n == null) return null;
        int k = p.length == 3 ? Integer.parseInt(p[2]) : 0;
        String op = n.getOp();
        if (op.equals("Identity") || op.equals("Snapshot") || op.equals("StopGradient")) return in(n, 0);
        if (op.equals("IdentityN")) return in(n, k);
        return new Ref(n.getName(), k, -1);
    }

    /** Data input {@code i} of {@code n}. */
    Ref in(NodeDef n, int i) {
        int seen = 0;
        for (String s : n.getInputList()) {
            if (s.startsWith("^")) continue;
            if (seen++ == i) return ref(s);
        }
        return null;
    }

    /** Data inputs of {@code n}. */
    int arity(NodeDef n) {
        int c = 0;
        for (String s : n.getInputList()) if (!s.startsWith("^")) c++;
        return c;
    }

    /** The function's output {@code i}. */
    Ref ret(int i) {
        String r = fn.getRetMap().get(fn.getSignature().getOutputArg(i).getName());
        return r == null ? null : ref(r);
    }

    boolean is(Ref r, String... ops) {
        NodeDef n = node(r);
        if (n == null) return false;
        for (String op : ops) if (n.getOp().equals(op)) return true;
        return false;
    }

    /** A scalar or one-element constant's value, or NaN. */
    double constant(Ref r) {
        NodeDef n = node(r);
        if (n == null || !n.getOp().equals("Const") || !n.getAttrMap().containsKey("value")) return Double.NaN;
        try {
            double[] v = TensorValues.toDoubles(TensorProtos.toTensor(n.getAttrMap().get("value").getTensor()));
            return v.length == 1 ? v[0] : Double.NaN;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private boolean plainMatMul(NodeDef n) {
        return n.getOp().equals("MatMul") && !n.getAttrMap().getOrDefault("transpose_a", org.tensorflow.proto.AttrValue
                .getDefaultInstance()).getB() && !n.getAttrMap().getOrDefault("transpose_b",
                org.tensorflow.proto.AttrValue.getDefaultInstance()).getB();
    }

    /** A two-input commutative op with operands matching (a, b) in either order; null otherwise. */
    private Ref[] pair(Ref r, String... ops) {
        if (!is(r, ops) || arity(node(r)) != 2) return null;
        return new Ref[] {in(node(r), 0), in(node(r), 1)};
    }

    private static Ref other(Ref[] p, Ref known) {
        if (p == null || known == null) return null;
        if (known.equals(p[0])) return p[1];
        if (known.equals(p[1])) return p[0];
        return null;
    }

    /** Split(dim 1 or -1, v) into {@code parts}: its input, else null. */
    private Ref splitInput(NodeDef s, int parts) {
        if (!s.getOp().equals("Split") || s.getAttrMap().get("num_split").getI() != parts) return null;
        double dim = constant(in(s, 0));
        return dim == 1 || dim == -1 ? in(s, 1) : null;
    }

    /** {@code MatMul(a, weight)}: the left operand, or null. */
    private Ref matmulBy(Ref r, Ref weight) {
        NodeDef n = node(r);
        if (n == null || !plainMatMul(n) || !weight.equals(in(n, 1))) return null;
        return in(n, 0);
    }

    private Ref sigmoidOf(Ref r) { return is(r, "Sigmoid") ? in(node(r), 0) : null; }

    private Ref tanhOf(Ref r) { return is(r, "Tanh") ? in(node(r), 0) : null; }

    private static Ref out(String node, int k) { return new Ref(node, k, -1); }

    /**
     * Every LSTM step in the body with these weights: {@code z = MatMul(x, kernel) + MatMul(h, recurrent) + bias},
     * split in four (i, f, c, o) along axis 1, {@code c' = sigmoid(f) * c + sigmoid(i) * tanh(c~)},
     * {@code h' = sigmoid(o) * tanh(c')}.
     */
    List<LstmStep> lstmSteps(Ref kernel, Ref recurrent, Ref bias) {
        List<LstmStep> out = new java.util.ArrayList<>();
        for (NodeDef s : nodes()) {
            Ref z = splitInput(s, 4);
            if (z == null || !is(z, "BiasAdd") || !bias.equals(in(node(z), 1))) continue;
            Ref[] sum = pair(in(node(z), 0), "AddV2", "Add");
            if (sum == null) continue;
            Ref x = matmulBy(sum[0], kernel);
            Ref h = matmulBy(sum[1], recurrent);
            if (x == null || h == null) continue;
            String sp = s.getName();
            for (NodeDef a : nodes()) {
                Ref cNew = out(a.getName(), 0);
                Ref[] terms = pair(cNew, "AddV2", "Add");
                if (terms == null) continue;
                for (int t = 0; t < 2; t++) {
                    Ref[] keep = pair(terms[t], "Mul");
                    Ref[] write = pair(terms[1 - t], "Mul");
                    if (keep == null || write == null) continue;
                    Ref cPrev = other(keep, findSigmoid(keep, out(sp, 1)));
                    Ref gate = findSigmoid(write, out(sp, 0));
                    Ref cand = other(write, gate);
                    if (cPrev == null || gate == null || cand == null || !out(sp, 2).equals(tanhOf(cand))) continue;
                    for (NodeDef m : nodes()) {
                        Ref hNew = out(m.getName(), 0);
                        Ref[] hp = pair(hNew, "Mul");
                        if (hp == null) continue;
                        Ref o = findSigmoid(hp, out(sp, 3));
                        Ref th = other(hp, o);
                        if (o != null && th != null && cNew.equals(tanhOf(th))) out.add(new LstmStep(x, h, cPrev, hNew, cNew));
                    }
                }
            }
        }
        return out;
    }

    /** The operand of {@code p} that is {@code sigmoid(arg)}, or null. */
    private Ref findSigmoid(Ref[] p, Ref arg) {
        if (p == null) return null;
        for (Ref r : p) if (arg.equals(sigmoidOf(r))) return r;
        return null;
    }

    /**
     * Every GRU step (reset after the matmul) with these weights: {@code x = MatMul(x_t, kernel) + inBias},
     * {@code g = MatMul(h, recurrent) + recBias}, each split in three (z, r, h) along axis 1;
     * {@code z = sigmoid(x_z + g_z)}, {@code r = sigmoid(x_r + g_r)}, {@code n = tanh(x_h + r * g_h)},
     * {@code h' = z * h + (1 - z) * n}.
     */
    List<GruStep> gruSteps(Ref kernel, Ref recurrent, Ref inBias, Ref recBias) {
        List<GruStep> out = new java.util.ArrayList<>();
        for (NodeDef sx : nodes()) {
            Ref bx = splitInput(sx, 3);
            if (bx == null || !is(bx, "BiasAdd") || !inBias.equals(in(node(bx), 1))) continue;
            Ref x = matmulBy(in(node(bx), 0), kernel);
            if (x == null) continue;
            for (NodeDef sh : nodes()) {
                Ref bh = splitInput(sh, 3);
                if (bh == null || !is(bh, "BiasAdd") || !recBias.equals(in(node(bh), 1))) continue;
                Ref h = matmulBy(in(node(bh), 0), recurrent);
                if (h == null) continue;
                Ref zPre = gateSum(sx.getName(), sh.getName(), 0);
                Ref rPre = gateSum(sx.getName(), sh.getName(), 1);
                if (zPre == null || rPre == null) continue;
                for (NodeDef a : nodes()) {
                    Ref hNew = out(a.getName(), 0);
                    Ref[] terms = pair(hNew, "AddV2", "Add");
                    if (terms == null) continue;
                    for (int t = 0; t < 2; t++) {
                        Ref[] keep = pair(terms[t], "Mul");
                        Ref[] mix = pair(terms[1 - t], "Mul");
                        Ref z = keep == null ? null : other(keep, h);
                        if (z == null || !zPre.equals(sigmoidOf(z)) || mix == null) continue;
                        for (int m = 0; m < 2; m++) {
                            NodeDef sub = node(mix[m]);
                            if (sub == null || !sub.getOp().equals("Sub") || constant(in(sub, 0)) != 1.0
                                    || !z.equals(in(sub, 1))) {
                                continue;
                            }
                            Ref n = tanhOf(mix[1 - m]);
                            Ref[] np = pair(n, "AddV2", "Add");
                            Ref gated = other(np, out(sx.getName(), 2));
                            Ref[] rg = pair(gated, "Mul");
                            Ref r = other(rg, out(sh.getName(), 2));
                            if (r != null && rPre.equals(sigmoidOf(r))) out.add(new GruStep(x, h, hNew));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** A node computing {@code sx:k + sh:k} (either order), or null. */
    private Ref gateSum(String sx, String sh, int k) {
        for (NodeDef a : nodes()) {
            Ref r = out(a.getName(), 0);
            Ref[] p = pair(r, "AddV2", "Add");
            if (p != null && out(sh, k).equals(other(p, out(sx, k)))) return r;
        }
        return null;
    }
}
