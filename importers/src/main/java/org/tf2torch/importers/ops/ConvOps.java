package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Value;

/** Convolutions and pooling; kernels go from TF's HWIO to OIHW, activations through channels-first. */
final class ConvOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("Conv2D", Translator.single(c -> conv(c, false)), Op.CONV, Op.TRANSPOSE, Op.PAD);
        r.add("DepthwiseConv2dNative", Translator.single(c -> conv(c, true)), Op.CONV, Op.RESHAPE, Op.TRANSPOSE,
                Op.UNSQUEEZE, Op.EXPAND);
        r.add("MaxPool", Translator.single(c -> pool(c, Op.MAX_POOL)), Op.MAX_POOL, Op.TRANSPOSE);
        r.add("AvgPool", Translator.single(c -> pool(c, Op.AVERAGE_POOL)), Op.AVERAGE_POOL, Op.TRANSPOSE);
    }

    private static Value conv(OpContext c, boolean depthwise) {
        boolean last = Layout.channelsLast(c);
        Value x = last ? Layout.toFirst(c, c.input(0)) : c.input(0);
        Value w = c.input(1);
        Shape ws = w.shape();
        if (!ws.isStatic() || ws.rank() != 4) throw new TranslationException("the kernel needs a static 4-D shape, got " + ws);
        long[] k = ws.sizes();
        long group = 1;
        if (depthwise) {
            // [H, W, C, M] → [C, M, H, W] → [C*M, 1, H, W]: output channel c*M+m is the same in TF and torch.
            w = c.add(Op.TRANSPOSE, List.of(w), Map.of("perm", new long[] {2, 3, 0, 1}));
            w = c.add(Op.RESHAPE, w, c.i64(k[2] * k[3], 1, k[0], k[1]));
            group = k[2];
        } else if (x.shape().hasRank() && x.shape().dim(1).isStatic() && x.shape().dim(1).size() != k[2]) {
            long in = x.shape().dim(1).size();
            if (in % k[2] != 0) throw new TranslationException("input has " + in + " channels, kernel expects " + k[2]);
            group = in / k[2];
        }
        if (!depthwise) w = c.add(Op.TRANSPOSE, List.of(w), Map.of("perm", new long[] {3, 2, 0, 1}));
        int rank = Layout.rank(x);
        long[] strides = Layout.spatial(c.attrInts("strides"), rank, last, 1);
        long[] dil = Layout.spatial(c.attrInts("dilations"), rank, last, 1);
        long[] kernel = {k[0], k[1]};
        long[] pads = Layout.pads(c, x.shape(), kernel, strides, dil, last);
        if (depthwise && k[3] > 1) {
            Value repeated = repeatChannels(c, x, k[3]);
            if (repeated != null) {
                x = repeated;
                group = k[2] * k[3];
            }
        }
        Value y = c.add(Op.CONV, List.of(x, w),
                Map.of("strides", strides, "pads", pads, "dilations", dil, "group", group));
        return last ? Layout.toLast(c, y) : y;
    }

    /**
     * [N, C, H, W] → [N, C*M, H, W] with channel c*M+m a copy of channel c, so a multiplier-M depthwise conv
     * becomes a plain one (group C*M). libtorch 2.5's CPU grouped conv gives wrong values for a channels-last
     * input (our NHWC transpose) when each group has several output channels; the copy is contiguous and the
     * one-output-per-group case is right. Null when the sizes the copy needs are not static.
     */
    private static Value repeatChannels(OpContext c, Value x, long m) {
        Shape s = x.shape();
        if (!s.hasRank() || s.rank() != 4) return null;
        for (int i = 1; i < 4; i++) if (!s.dim(i).isStatic()) return null;
        Value u = c.add(Op.UNSQUEEZE, List.of(x), Map.of("axes", new long[] {2}));
        Value e = c.add(Op.EXPAND, u, c.i64(1, 1, m, 1, 1));
        return c.add(Op.RESHAPE, e, c.i64(-1, s.dim(1).size() * m, s.dim(2).size(), s.dim(3).size()));
    }

    static Value pool(OpContext c, Op op) {
        boolean last = Layout.channelsLast(c);
        Value x = last ? Layout.toFirst(c, c.input(0)) : c.input(0);
        int rank = Layout.rank(x);
        long[] kernel = Layout.spatial(c.attrInts("ksize"), rank, last, 1);
        long[] strides = Layout.spatial(c.attrInts("strides"), rank, last, 1);
        long[] ones = new long[kernel.length];
        java.util.Arrays.fill(ones, 1);
        long[] pads = Layout.pads(c, x.shape(), kernel, strides, ones, last);
        Map<String, Object> attrs = new java.util.HashMap<>(Map.of("kernel_shape", kernel, "strides", strides, "pads", pads));
        if (op == Op.AVERAGE_POOL) attrs.put("count_include_pad", false); // TF averages over the valid pixels only
        Value y = c.add(op, List.of(x), attrs);
        return last ? Layout.toLast(c, y) : y;
    }
}
