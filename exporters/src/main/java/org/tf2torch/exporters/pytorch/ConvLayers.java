package org.tf2torch.exporters.pytorch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
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
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Use;
import org.tf2torch.ir.Value;

/**
 * Convolution layers beyond the plain 2-D one {@link LayerMatcher} knows:
 * <ul>
 *   <li>{@code nn.Conv1d} / {@code nn.Conv3d}: a 3-D or 5-D (O, I, spatial...) weight read only by convolutions
 *   of that rank with one stride, dilation and group (Keras Conv3D; Conv1D where the graph has a 1-D conv).
 *   <li>a Keras DepthwiseConv2D with a channel multiplier M &gt; 1: its {@code [C, M, kh, kw]} weight is read
 *   through a reshape to {@code [C*M, 1, kh, kw]}, which is exactly {@code nn.Conv2d(C, C*M, groups=C)}'s weight.
 *   The importer feeds that conv a copy of the input with each channel repeated M times and group C*M (the same
 *   values); the layer takes the input itself, and the copy's nodes go into the call. With multiplier 1 the
 *   reshape is the identity, the weight is already OIHW and the plain 2-D matcher takes it.
 * </ul>
 * Asymmetric pads (TF SAME with an even kernel or a stride) become an explicit pad before the call.
 */
final class ConvLayers {
    private ConvLayers() {}

    /** The layer's weight, its value as the conv reads it, and each conv with the input the layer gets. */
    private record Use1(Node conv, Value input, Set<Node> absorbed) {}

    static Match match(List<Parameter> ps, Map<String, Node> pn, Set<Node> live) {
        if (ps.isEmpty() || ps.size() > 2) return null;
        Parameter w = null;
        Parameter b = null;
        for (Parameter p : ps) {
            int rank = p.data().shape().rank();
            if (rank >= 3 && rank <= 5 && w == null) w = p;
            else if (rank == 1 && b == null) b = p;
            else return null;
        }
        if (w == null || !w.trainable() || b != null && (!b.trainable() || b.data().dtype() != w.data().dtype())) {
            return null;
        }
        Value wv = pn.get(w.name()).output();
        Value bv = b == null ? null : pn.get(b.name()).output();
        List<Node> readers = users(wv, live);
        if (readers.isEmpty()) return null;
        int rank = w.data().shape().rank();
        if (rank == 4) return depthwiseMultiplier(w, b, wv, bv, readers, live);
        if (rank == 4 + 1 || rank == 3) {
            List<Use1> uses = new ArrayList<>();
            for (Node c : readers) uses.add(new Use1(c, c.input(0), Set.of()));
            return layer(w, b, wv, bv, w.data(), uses, live, 1, "weight", null);
        }
        return null;
    }

    /** [C, M, kh, kw] reshaped to [C*M, 1, kh, kw] by every reader, then read only by 2-D convs. */
    private static Match depthwiseMultiplier(Parameter w, Parameter b, Value wv, Value bv, List<Node> readers,
                                             Set<Node> live) {
        long[] s = w.data().shape().sizes();
        long c = s[0];
        long m = s[1];
        if (m <= 1) return null;
        long[] target = {c * m, 1, s[2], s[3]};
        List<Use1> uses = new ArrayList<>();
        Set<Node> reshapes = new HashSet<>();
        for (Node r : readers) {
            if (r.op() != Op.RESHAPE || r.input(0) != wv || !Arrays.equals(constInts(r.input(1)), target)) return null;
            if (live.contains(r) && r.graph().isOutput(r.output())) return null;
            reshapes.add(r);
            for (Node conv : users(r.output(), live)) {
                if (conv.op() != Op.CONV || conv.input(1) != r.output() || conv.input(0) == r.output()) return null;
                long group = conv.attrs().i("group");
                Use1 u = group == c ? new Use1(conv, conv.input(0), Set.of())
                        : group == c * m ? repeated(conv.input(0), c, m, live) : null;
                if (u == null) return null;
                uses.add(new Use1(conv, u.input(), u.absorbed()));
            }
        }
        Tensor data = new ReshapedTensor(w.data(), Shape.of(target));
        String expr = "weight.reshape(" + c + ", " + m + ", " + s[2] + ", " + s[3] + ")";
        return layer(w, b, wv, bv, data, uses, live, c, expr, reshapes);
    }

    /**
     * The input x of the importer's channel repeat {@code reshape(expand(unsqueeze(x, 2), [1,1,M,1,1]),
     * [-1, C*M, H, W])}, with the three nodes, when they are used for nothing else.
     */
    private static Use1 repeated(Value v, long c, long m, Set<Node> live) {
        Node reshape = v.producer();
        if (reshape == null || reshape.op() != Op.RESHAPE || shared(reshape, live)) return null;
        Node expand = reshape.input(0).producer();
        if (expand == null || expand.op() != Op.EXPAND || shared(expand, live)) return null;
        if (!Arrays.equals(constInts(expand.input(1)), new long[] {1, 1, m, 1, 1})) return null;
        Node unsq = expand.input(0).producer();
        if (unsq == null || unsq.op() != Op.UNSQUEEZE || shared(unsq, live)) return null;
        if (!Arrays.equals(unsq.attrs().ints("axes"), new long[] {2})) return null;
        Value x = unsq.input(0);
        if (!x.shape().hasRank() || x.shape().rank() != 4 || !x.shape().dim(1).isStatic()
                || x.shape().dim(1).size() != c) {
            return null;
        }
        return new Use1(null, x, Set.of(reshape, expand, unsq));
    }

    /** True when {@code n}'s result has other readers than one live node, or is a graph output. */
    private static boolean shared(Node n, Set<Node> live) {
        return n.output().uses().size() != 1 || !live.contains(n.output().uses().get(0).user())
                || n.graph().isOutput(n.output());
    }

    private static Match layer(Parameter w, Parameter b, Value wv, Value bv, Tensor weight, List<Use1> uses,
                               Set<Node> live, long groupOverride, String weightExpr, Set<Node> weightReaders) {
        long[] ws = weight.shape().sizes();
        int sp = ws.length - 2;
        if (b != null && b.data().shape().sizes()[0] != ws[0]) return null;
        Node first = uses.get(0).conv();
        long[] pads0 = first.attrs().ints("pads");
        boolean samePads = true;
        for (Use1 u : uses) {
            Node c = u.conv();
            if (c.op() != Op.CONV || c.inputs().size() != (b == null ? 2 : 3)) return null;
            if (weightReaders == null && (c.input(1) != wv || c.input(0) == wv)) return null;
            if (b != null && c.input(2) != bv) return null;
            var a = c.attrs();
            if (a.ints("pads").length != 2 * sp || !Arrays.equals(a.ints("strides"), first.attrs().ints("strides"))
                    || !Arrays.equals(a.ints("dilations"), first.attrs().ints("dilations"))
                    || a.i("group") != first.attrs().i("group")) {
                return null;
            }
            Shape xs = u.input().shape();
            if (!xs.hasRank() || xs.rank() != sp + 2) return null;
            samePads &= Arrays.equals(a.ints("pads"), pads0);
        }
        if (bv != null) {
            Set<Node> convs = new HashSet<>();
            for (Use1 u : uses) convs.add(u.conv());
            for (Use u : bv.uses()) if (live.contains(u.user()) && !convs.contains(u.user())) return null;
        }
        long[] padding = samePads ? symmetric(pads0) : null;
        List<Call> calls = new ArrayList<>();
        for (Use1 u : uses) {
            long[] p = u.conv().attrs().ints("pads");
            long[] pad = padding != null || allZero(p) ? null : torchPad(p);
            Set<Node> absorbed = new HashSet<>(u.absorbed());
            // the weight's reshape is the layer's stored weight: no statement of its own
            if (weightReaders != null && calls.isEmpty()) absorbed.addAll(weightReaders);
            calls.add(new Call(u.conv(), u.input(), pad, absorbed));
        }
        long group = weightReaders == null ? first.attrs().i("group") : groupOverride;
        long[] stride = first.attrs().ints("strides");
        long[] dil = first.attrs().ints("dilations");
        long[] pad = padding == null ? new long[sp] : padding;
        long[] kernel = Arrays.copyOfRange(ws, 2, ws.length);
        StringBuilder args = new StringBuilder();
        args.append(ws[1] * group).append(", ").append(ws[0]).append(", kernel_size=").append(tuple(kernel));
        if (!allOne(stride)) args.append(", stride=").append(tuple(stride));
        if (!allZero(pad)) args.append(", padding=").append(tuple(pad));
        if (!allOne(dil)) args.append(", dilation=").append(tuple(dil));
        if (group != 1) args.append(", groups=").append(group);
        if (b == null) args.append(", bias=False");
        DType t = w.data().dtype();
        if (t != DType.F32) args.append(", dtype=").append(t.torchName());
        List<Weight> weights = new ArrayList<>();
        weights.add(new Weight(w.name(), "weight", Kind.PARAMETER, weight, w.name()));
        if (b != null) weights.add(new Weight(b.name(), "bias", Kind.PARAMETER, b.data(), b.name()));
        Map<String, String> exprs = b == null ? Map.of(w.name(), weightExpr)
                : Map.of(w.name(), weightExpr, b.name(), "bias");
        String fwd = "torch.conv" + sp + "d(input, self.weight, " + (b == null ? "None" : "self.bias") + ", "
                + PyLiterals.ints(stride) + ", " + PyLiterals.ints(pad) + ", " + PyLiterals.ints(dil) + ", " + group + ")";
        List<String> notes = new ArrayList<>();
        if (weightReaders != null) notes.add("TF's depthwise_kernel [kh, kw, C, M] stored as [C*M, 1, kh, kw]");
        if (padding == null && !allZero(pads0) || !samePads) {
            notes.add("TF's SAME padding is asymmetric here: each call pads explicitly first");
        }
        Layer layer = new Layer("Conv" + sp + "d", args.toString(), weights, List.of(), fwd, exprs,
                notes.isEmpty() ? null : String.join("; ", notes));
        return new Match(layer, calls);
    }

    /** ONNX pads [b1..bn, e1..en] as F.pad's list, last dim first. */
    private static long[] torchPad(long[] p) {
        int sp = p.length / 2;
        long[] out = new long[p.length];
        for (int i = 0; i < sp; i++) {
            out[2 * i] = p[sp - 1 - i];
            out[2 * i + 1] = p[2 * sp - 1 - i];
        }
        return out;
    }

    private static long[] constInts(Value v) {
        Tensor t = v.constantValue();
        return t == null || !t.dtype().isInteger() ? null : TensorValues.toLongs(t);
    }

    private static List<Node> users(Value v, Set<Node> live) {
        List<Node> out = new ArrayList<>();
        for (Use u : v.uses()) if (live.contains(u.user())) out.add(u.user());
        return out;
    }

    private static long[] symmetric(long[] pads) {
        int sp = pads.length / 2;
        long[] out = new long[sp];
        for (int i = 0; i < sp; i++) {
            if (pads[i] != pads[i + sp]) return null;
            out[i] = pads[i];
        }
        return out;
    }

    private static boolean allZero(long[] v) {
        for (long x : v) if (x != 0) return false;
        return true;
    }

    private static boolean allOne(long[] v) {
        for (long x : v) if (x != 1) return false;
        return true;
    }

    private static String tuple(long[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ", ").append(v[i]);
        return sb.append(v.length == 1 ? ",)" : ")").toString();
    }

    /** The same bytes in C order under another shape with as many elements. */
    static final class ReshapedTensor extends Tensor {
        private final Tensor base;

        ReshapedTensor(Tensor base, Shape shape) {
            super(base.dtype(), shape);
            if (shape.numElements() != base.numElements()) {
                throw new IllegalArgumentException("cannot reshape " + base.shape() + " to " + shape);
            }
            this.base = base;
        }

        @Override
        public void writeTo(WritableByteChannel out) throws IOException { base.writeTo(out); }

        @Override
        public ByteBuffer read() throws IOException { return base.read(); }

        @Override
        public String describe() { return "reshape" + shape() + " of " + base.describe(); }
    }
}
