package org.tf2torch.ir.passes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Value;

/**
 * TF has no 1-D convolution: {@code tf.nn.conv1d} (Keras Conv1D) expands [N,L,C] to [N,1,L,C] and the kernel
 * [k,C,O] to [1,k,C,O], runs Conv2D and squeezes the height away. A 2-D conv whose height is 1 everywhere (input,
 * kernel, stride, dilation, no height padding) is exactly a 1-D conv, so it becomes one; the expand / transpose
 * / squeeze chains around it collapse to single transposes, and the weight becomes a rank-3 {@code [O,C,k]} that
 * an {@code nn.Conv1d} can hold.
 */
public final class Conv1dFolding implements Pass {
    private static final int[] NCHW = {0, 3, 1, 2};
    private static final int[] HWIO_TO_OIHW = {3, 2, 0, 1};
    private static final int[] NHWC = {0, 2, 3, 1};

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node conv : new ArrayList<>(g.nodes())) {
            if (conv.graph() == null || conv.op() != Op.CONV || !heightIsOne(conv)) continue;
            fold(g, conv);
            changed = true;
        }
        if (changed) new DeadCodeElimination().run(g);
        return changed;
    }

    private static boolean heightIsOne(Node conv) {
        Shape x = conv.input(0).shape();
        Shape w = conv.input(1).shape();
        if (!x.hasRank() || x.rank() != 4 || !w.hasRank() || w.rank() != 4) return false;
        if (!x.dim(2).isStatic() || x.dim(2).size() != 1 || !w.dim(2).isStatic() || w.dim(2).size() != 1) return false;
        long[] s = conv.attrs().ints("strides");
        long[] d = conv.attrs().ints("dilations");
        long[] p = conv.attrs().ints("pads");
        return s.length == 2 && d.length == 2 && p.length == 4 && s[0] == 1 && d[0] == 1 && p[0] == 0 && p[2] == 0;
    }

    private static void fold(Graph g, Node conv) {
        Value x = input(g, conv, conv.input(0), 1, NCHW, new int[] {0, 2, 1});
        Value w = input(g, conv, conv.input(1), 0, HWIO_TO_OIHW, new int[] {2, 1, 0});
        List<Value> in = new ArrayList<>(List.of(x, w));
        if (conv.inputs().size() == 3) in.add(conv.input(2));
        Map<String, Object> attrs = new HashMap<>(conv.attrs().asMap());
        long[] s = conv.attrs().ints("strides");
        long[] d = conv.attrs().ints("dilations");
        long[] p = conv.attrs().ints("pads");
        attrs.put("strides", new long[] {s[1]});
        attrs.put("dilations", new long[] {d[1]});
        attrs.put("pads", new long[] {p[1], p[3]});
        Node c1 = g.insertBefore(conv, Op.CONV, in, attrs, conv.source(), conv.output().name());
        Node squeeze = nhwcSqueeze(g, conv);
        if (squeeze != null) {
            Node t = g.insertBefore(conv, Op.TRANSPOSE, List.of(c1.output()), Map.of("perm", new long[] {0, 2, 1}),
                    conv.source(), squeeze.output().name());
            squeeze.output().replaceAllUsesWith(t.output());
            g.replaceOutput(squeeze.output(), t.output());
        } else {
            Node u = g.insertBefore(conv, Op.UNSQUEEZE, List.of(c1.output()), Map.of("axes", new long[] {2}),
                    conv.source(), conv.output().name());
            conv.output().replaceAllUsesWith(u.output());
            g.replaceOutput(conv.output(), u.output());
        }
    }

    /**
     * The rank-3 operand behind {@code transpose(unsqueeze(v, [axis]), perm4)}, transposed by {@code perm3} (the
     * same permutation with the unit axis taken out); any other 4-D operand loses its unit height by a squeeze.
     */
    private static Value input(Graph g, Node conv, Value v4, int axis, int[] perm4, int[] perm3) {
        Node t = v4.producer();
        if (t != null && t.op() == Op.TRANSPOSE && Arrays.equals(t.attrs().intArray("perm"), perm4)) {
            Node u = t.input(0).producer();
            if (u != null && u.op() == Op.UNSQUEEZE && Arrays.equals(u.attrs().ints("axes"), new long[] {axis})) {
                return g.insertBefore(conv, Op.TRANSPOSE, List.of(u.input(0)), Map.of("perm", longs(perm3)),
                        t.source(), t.output().name()).output();
            }
        }
        return g.insertBefore(conv, Op.SQUEEZE, List.of(v4), Map.of("axes", new long[] {2}), conv.source(),
                v4.name()).output();
    }

    /** The squeeze of axis 1 that reads the conv's result through the NCHW→NHWC transpose, when that is all. */
    private static Node nhwcSqueeze(Graph g, Node conv) {
        if (conv.output().uses().size() != 1 || g.isOutput(conv.output())) return null;
        Node t = conv.output().uses().get(0).user();
        if (t.op() != Op.TRANSPOSE || !Arrays.equals(t.attrs().intArray("perm"), NHWC)
                || t.output().uses().size() != 1 || g.isOutput(t.output())) return null;
        Node sq = t.output().uses().get(0).user();
        if (sq.op() != Op.SQUEEZE) return null;
        long[] axes = sq.attrs().ints("axes");
        return axes.length == 1 && (axes[0] == 1 || axes[0] == -3) ? sq : null;
    }

    private static long[] longs(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i];
        return out;
    }
}
