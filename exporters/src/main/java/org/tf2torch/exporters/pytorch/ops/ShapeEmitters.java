package org.tf2torch.exporters.pytorch.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;

/**
 * Shape and layout ops. A shape operand that is a constant becomes literal sizes; a computed one (from
 * SHAPE and arithmetic on it) is turned into a list of ints with a comprehension, which both eager Python
 * and TorchScript run, so the module keeps working for every batch size.
 */
final class ShapeEmitters {
    private ShapeEmitters() {}

    static void register(Emitters.Registry r) {
        r.add(Op.RESHAPE, ShapeEmitters::reshape);
        r.add(Op.TRANSPOSE, ShapeEmitters::transpose);
        r.add(Op.CONCAT, ctx -> {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < ctx.node().inputs().size(); i++) parts.add(ctx.operand(i));
            ctx.result(ctx.dialect().call("torch.cat").arg("[" + String.join(", ", parts) + "]")
                    .opt("dim", PyLiterals.integer(ctx.node().attrs().i("axis")), "0").render());
        });
        r.add(Op.SQUEEZE, ShapeEmitters::squeeze);
        r.add(Op.UNSQUEEZE, ShapeEmitters::unsqueeze);
        r.add(Op.SHAPE, ctx -> ctx.result("torch.tensor(" + ctx.operand(0) + ".shape, dtype="
                + ctx.dialect().dtype(ctx.resultType().dtype()) + ")"));
        r.add(Op.CAST, ctx -> ctx.result(ctx.dialect().method(ctx.operand(0), "to",
                ctx.dialect().dtype(ctx.node().attrs().dtype("to")))));
        r.add(Op.EXPAND, ShapeEmitters::expand);
    }

    /** {@code [int(d) for d in s]}: a 1-D int64 tensor as the {@code List[int]} torch's size arguments take. */
    static String intList(EmitContext ctx, String shapeTensor) {
        String v = ctx.freshName("d");
        return "[int(" + v + ") for " + v + " in " + shapeTensor + "]";
    }

    /** ONNX Reshape with allowzero=1, which is torch's reading of 0 and -1 as well. */
    private static void reshape(EmitContext ctx) {
        Dialect d = ctx.dialect();
        String x = ctx.operand(0);
        Tensor c = ctx.constant(1);
        if (c != null) {
            ctx.result(d.methodWithList(x, "reshape", TensorValues.toLongs(c)));
        } else {
            ctx.result(d.method(x, "reshape", intList(ctx, ctx.operand(1))));
        }
    }

    private static void transpose(EmitContext ctx) {
        long[] perm = ctx.node().attrs().ints("perm");
        boolean identity = true;
        for (int i = 0; i < perm.length; i++) identity &= perm[i] == i;
        if (identity) {
            ctx.result(ctx.operand(0));
            return;
        }
        String permuted = ctx.dialect().methodWithList(ctx.operand(0), "permute", perm);
        ctx.result(feedsConvolution(ctx) ? ctx.dialect().method(permuted, "contiguous") : permuted);
    }

    /**
     * A permuted NHWC input is a channels-last tensor in memory, and torch's CPU convolution then takes its
     * channels-last path, in which libtorch 2.5 gives wrong values for some shapes (a stack of 1x1 convs on 24
     * and 72 channels: errors of 1e-2 where torch 1.13 is exact). A contiguous copy before the first
     * convolution keeps every later activation in the plain layout.
     */
    private static boolean feedsConvolution(EmitContext ctx) {
        return feedsConvolution(ctx.node().output(), 3);
    }

    /** Also through the importer's channel repeat (unsqueeze, expand, reshape), which a depthwise layer takes in. */
    private static boolean feedsConvolution(org.tf2torch.ir.Value v, int depth) {
        for (org.tf2torch.ir.Use u : v.uses()) {
            Op op = u.user().op();
            if (u.operand() != 0) continue;
            // not before a transposed conv: libtorch 2.5 gets conv_transpose2d (k2 s1 SAME) wrong for a contiguous
            // input and right for the permuted one (tf-ops conv2d_transpose)
            if (op == Op.CONV) return true;
            if (depth > 0 && (op == Op.UNSQUEEZE || op == Op.EXPAND || op == Op.RESHAPE)
                    && feedsConvolution(u.user().output(), depth - 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One {@code squeeze(dim)} per axis, highest first so earlier removals do not shift later ones. Empty axes
     * mean the dims shape inference knows to be 1: a bare {@code squeeze()} would also drop a batch dim that
     * happens to be 1 at run time.
     */
    private static void squeeze(EmitContext ctx) {
        Shape s = ctx.operandType(0).shape();
        long[] axes = ctx.node().attrs().ints("axes");
        String x = ctx.operand(0);
        if (!s.hasRank()) {
            if (axes.length == 0) {
                ctx.result(ctx.dialect() == Dialect.EAGER ? x + ".squeeze()" : "torch.squeeze(" + x + ")");
                return;
            }
            ctx.result(chain(ctx.dialect(), x, "squeeze", sameSignOrder(axes, true)));
            return;
        }
        int r = s.rank();
        List<Long> list = new ArrayList<>();
        if (axes.length == 0) {
            for (int i = 0; i < r; i++) {
                Dim dim = s.dim(i);
                if (dim.isStatic() && dim.size() == 1) list.add((long) i);
            }
        } else {
            for (long a : axes) list.add(a < 0 ? a + r : a);
        }
        long[] sorted = list.stream().mapToLong(Long::longValue).sorted().toArray();
        reverse(sorted);
        ctx.result(chain(ctx.dialect(), x, "squeeze", sorted));
    }

    /** One {@code unsqueeze(dim)} per axis of the output, lowest first, so each lands where ONNX puts it. */
    private static void unsqueeze(EmitContext ctx) {
        Shape s = ctx.operandType(0).shape();
        long[] axes = ctx.node().attrs().ints("axes");
        long[] order;
        if (s.hasRank()) {
            int outRank = s.rank() + axes.length;
            order = Arrays.stream(axes).map(a -> a < 0 ? a + outRank : a).sorted().toArray();
        } else {
            order = sameSignOrder(axes, false);
        }
        ctx.result(chain(ctx.dialect(), ctx.operand(0), "unsqueeze", order));
    }

    /**
     * Without a known rank only axes of one sign can be ordered: for squeeze, positive ones highest first and
     * negative ones lowest first; for unsqueeze, positive ones lowest first and negative ones highest first.
     */
    private static long[] sameSignOrder(long[] axes, boolean squeeze) {
        boolean neg = axes.length > 0 && axes[0] < 0;
        for (long a : axes) {
            if ((a < 0) != neg) throw new UnsupportedOperationException("mixed-sign axes on a tensor of unknown rank");
        }
        long[] sorted = Arrays.stream(axes).sorted().toArray();
        if (squeeze != neg) reverse(sorted);
        return sorted;
    }

    private static String chain(Dialect d, String x, String method, long[] dims) {
        String e = x;
        for (long dim : dims) e = d.method(e, method, PyLiterals.integer(dim));
        return e;
    }

    private static void reverse(long[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * ONNX Expand broadcasts both ways (a 1 in the shape keeps the input's dim), while torch's
     * {@code expand} only grows dims: with a constant shape the sizes are worked out here, -1 keeping a dim;
     * with a computed one, multiplying by ones of that shape broadcasts exactly as NumPy does.
     */
    private static void expand(EmitContext ctx) {
        Dialect d = ctx.dialect();
        String x = ctx.operand(0);
        Tensor c = ctx.constant(1);
        Shape s = ctx.operandType(0).shape();
        if (c != null && s.hasRank()) {
            long[] shape = TensorValues.toLongs(c);
            int r = s.rank();
            int out = Math.max(r, shape.length);
            long[] sizes = new long[out];
            for (int i = 0; i < out; i++) {
                int si = i - (out - shape.length);
                int xi = i - (out - r);
                long want = si >= 0 ? shape[si] : 1;
                sizes[i] = want == 1 ? (xi >= 0 ? -1 : 1) : want;
            }
            ctx.result(d.methodWithList(x, "expand", sizes));
            return;
        }
        String shape = intList(ctx, ctx.operand(1));
        String ones = d.call("torch.ones").arg(shape).kwOnly("dtype", x + ".dtype").kwOnly("device", x + ".device")
                .render();
        ctx.result(d.binary("*", "mul", x, ones));
    }
}
