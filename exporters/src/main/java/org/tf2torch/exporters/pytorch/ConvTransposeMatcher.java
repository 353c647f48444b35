package org.tf2torch.exporters.pytorch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tf2torch.exporters.pytorch.ExportResult.Kind;
import org.tf2torch.exporters.pytorch.ops.ArchiveConvTranspose;
import org.tf2torch.exporters.pytorch.ops.Dialect;
import org.tf2torch.exporters.pytorch.ops.PyLiterals;
import org.tf2torch.ir.Attrs;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Parameter;
import org.tf2torch.ir.PermutedTensor;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Use;
import org.tf2torch.ir.Value;

/**
 * {@code nn.ConvTranspose1d/2d/3d} (Keras Conv2DTranspose): a weight [in, out/groups, k...] read only by
 * transposed convolutions with one set of strides, dilations, groups, pads and output padding, with the layer's
 * bias as their bias when it has one.
 *
 * <p>ONNX pads are what the transposed convolution removes from each end of its full output. torch's
 * {@code padding} removes the same amount at both ends and {@code output_padding} adds back at the end only, so
 * TF's SAME with an odd total (one more removed at the end) is not a layer setting: the layer gets the smaller
 * pad and each call narrows its result to TF's size, exactly what the functional emitter does.
 */
final class ConvTransposeMatcher {
    private ConvTransposeMatcher() {}

    static LayerMatcher.Match match(List<Parameter> ps, Map<String, Node> pn, Set<Node> live) {
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
        long[] ws = w.data().shape().sizes();
        int sp = ws.length - 2;
        Value wv = pn.get(w.name()).output();
        Value bv = b == null ? null : pn.get(b.name()).output();
        List<Node> convs = new ArrayList<>();
        for (Use u : wv.uses()) if (live.contains(u.user())) convs.add(u.user());
        if (convs.isEmpty()) return null;
        Attrs first = convs.get(0).attrs();
        long group = first.i("group");
        if (b != null && !b.data().shape().equals(Shape.of(ws[1] * group))) return null;
        for (Node c : convs) {
            if (c.op() != Op.CONV_TRANSPOSE || c.input(1) != wv || c.input(0) == wv
                    || c.inputs().size() != (b == null ? 2 : 3) || b != null && c.input(2) != bv) {
                return null;
            }
            Attrs a = c.attrs();
            for (String attr : List.of("strides", "dilations", "pads", "output_padding")) {
                if (!Arrays.equals(a.ints(attr), first.ints(attr))) return null;
            }
            if (a.i("group") != group) return null;
            Shape xs = c.input(0).shape();
            Shape ys = c.output().shape();
            if (!xs.hasRank() || xs.rank() != sp + 2 || !ys.hasRank() || ys.rank() != sp + 2) return null;
            for (int i = 0; i < sp; i++) if (!ys.dim(2 + i).isStatic()) return null;
        }
        if (bv != null) {
            for (Use u : bv.uses()) if (live.contains(u.user()) && !convs.contains(u.user())) return null;
        }
        long[] pads = first.ints("pads");
        long[] outPad = first.ints("output_padding");
        long[] stride = first.ints("strides");
        long[] dil = first.ints("dilations");
        long[] padding = new long[sp];
        long[] extra = new long[sp];
        long[] cropBegin = new long[sp];
        boolean crop = false;
        for (int i = 0; i < sp; i++) {
            padding[i] = Math.min(pads[i], pads[i + sp]);
            cropBegin[i] = pads[i] - padding[i];
            long cropEnd = pads[i + sp] - padding[i];
            extra[i] = Math.max(outPad[i] - cropEnd, 0);
            // torch's size exceeds TF's by cropBegin + cropEnd + extra - outPad
            crop |= cropBegin[i] != 0 || cropBegin[i] + cropEnd + extra[i] - outPad[i] != 0;
        }
        List<LayerMatcher.Call> calls = new ArrayList<>();
        for (Node c : convs) calls.add(new LayerMatcher.Call(c, c.input(0), null, Set.of(), crop ? cropBegin : null));

        long[] kernel = Arrays.copyOfRange(ws, 2, ws.length);
        StringBuilder args = new StringBuilder();
        args.append(ws[0]).append(", ").append(ws[1] * group).append(", kernel_size=").append(tuple(kernel));
        if (!allEqual(stride, 1)) args.append(", stride=").append(tuple(stride));
        if (!allEqual(padding, 0)) args.append(", padding=").append(tuple(padding));
        if (!allEqual(extra, 0)) args.append(", output_padding=").append(tuple(extra));
        if (group != 1) args.append(", groups=").append(group);
        if (b == null) args.append(", bias=False");
        if (!allEqual(dil, 1)) args.append(", dilation=").append(tuple(dil));
        if (w.data().dtype() != DType.F32) args.append(", dtype=").append(w.data().dtype().torchName());

        List<LayerMatcher.Weight> weights = new ArrayList<>();
        weights.add(new LayerMatcher.Weight(w.name(), "weight", Kind.PARAMETER, w.data(), w.name()));
        if (b != null) weights.add(new LayerMatcher.Weight(b.name(), "bias", Kind.PARAMETER, b.data(), b.name()));
        Map<String, String> exprs = b == null ? Map.of(w.name(), "weight")
                : Map.of(w.name(), "weight", b.name(), "bias");
        String bias = b == null ? "None" : "self.bias";
        String fwd = "torch.conv_transpose" + sp + "d(input, self.weight, " + bias + ", " + PyLiterals.ints(stride)
                + ", " + PyLiterals.ints(padding) + ", " + PyLiterals.ints(extra) + ", " + group + ", "
                + PyLiterals.ints(dil) + ")";
        if (ArchiveConvTranspose.applies(Dialect.SCRIPT, group, sp)) {
            long[] removed = new long[2 * sp];
            for (int i = 0; i < sp; i++) removed[i] = removed[i + sp] = padding[i];
            fwd = ArchiveConvTranspose.expr(Dialect.SCRIPT, "input", "self.weight", bias, kernel, stride, dil, removed,
                    extra);
        }
        List<String> notes = new ArrayList<>();
        if (w.data() instanceof PermutedTensor) {
            notes.add(sp == 2 ? "weight stored as [in, out, kh, kw]: TF's kernel is [kh, kw, out, in]"
                    : "weight stored as [in, out, k...]: TF's kernel is [k..., out, in]");
        }
        if (crop) notes.add("TF's SAME padding is asymmetric here: each call narrows the result");
        String note = notes.isEmpty() ? null : String.join("; ", notes);
        return new LayerMatcher.Match(new LayerMatcher.Layer("ConvTranspose" + sp + "d", args.toString(), weights,
                List.of(), fwd, exprs, note), calls);
    }

    private static boolean allEqual(long[] v, long x) {
        for (long e : v) if (e != x) return false;
        return true;
    }

    private static String tuple(long[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ", ").append(v[i]);
        return sb.append(v.length == 1 ? ",)" : ")").toString();
    }
}
