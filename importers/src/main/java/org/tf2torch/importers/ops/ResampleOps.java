package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.ir.Value;

/**
 * TF's image resizers that PyTorch's interpolate cannot reproduce: bicubic (TF samples its cubic kernel from a
 * 1024-entry table, Keys a=-0.5 with out-of-image taps dropped and renormalized for half-pixel centres, a=-0.75
 * with clamped taps otherwise), area, legacy bilinear and align-corners nearest. TF resizes separably, so each
 * spatial axis becomes a fixed set of taps per output position (source indices and float weights, computed here
 * exactly as TF's kernels compute them) applied with a gather, a multiply and a sum over the taps; the taps need
 * static image sizes. Only the taps TF reads are read, so non-finite pixels spread as they do in TF.
 */
final class ResampleOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("ResizeBicubic", Translator.single(ResampleOps::bicubic), Op.GATHER, Op.MUL, Op.REDUCE_SUM, Op.CAST);
        r.add("ResizeArea", Translator.single(ResampleOps::area), Op.GATHER, Op.MUL, Op.REDUCE_SUM, Op.CAST);
    }

    /** Source indices [out][k] and weights [out][k] of one axis. */
    record Taps(long[][] index, float[][] weight) {
        int count() { return index.length == 0 ? 0 : index[0].length; }
    }

    private static Value bicubic(OpContext c) {
        boolean align = c.attrBool("align_corners", false);
        boolean half = c.attrBool("half_pixel_centers", false);
        checkCorners(c, align, half);
        long[] size = outSize(c);
        Value x = floatImage(c);
        long[] in = staticHw(c, x);
        // TF interpolates the rows first, then combines the columns.
        Value y = apply(c, x, 1, cubic(in[0], size[0], align, half));
        return apply(c, y, 2, cubic(in[1], size[1], align, half));
    }

    private static Value area(OpContext c) {
        boolean align = c.attrBool("align_corners", false);
        long[] size = outSize(c);
        Value x = floatImage(c);
        long[] in = staticHw(c, x);
        float hs = scale(in[0], size[0], align);
        float ws = scale(in[1], size[1], align);
        // TF sums each row's columns first, then the rows, then scales the sum once.
        Value y = apply(c, x, 2, area(in[1], size[1], ws));
        y = apply(c, y, 1, area(in[0], size[0], hs));
        float norm = (float) (1.0 / (hs * ws));
        return c.add(Op.MUL, y, c.scalar(DType.F32, norm));
    }

    /** TF's ResizeBilinear with legacy (corner-anchored, unaligned) or align_corners coordinates. */
    static Value bilinear(OpContext c, boolean align, boolean half) {
        long[] size = outSize(c);
        Value x = floatImage(c);
        long[] in = staticHw(c, x);
        Value y = apply(c, x, 2, linear(in[1], size[1], align, half));
        return apply(c, y, 1, linear(in[0], size[0], align, half));
    }

    /** TF's ResizeNearestNeighbor with align_corners: the source index is round(o * scale), half away from 0. */
    static Value nearestAligned(OpContext c) {
        long[] size = outSize(c);
        Value x = c.input(0);
        long[] in = staticHw(c, x);
        Value y = x;
        for (int axis = 1; axis <= 2; axis++) {
            long n = in[axis - 1];
            long o = size[axis - 1];
            float s = scale(n, o, true);
            long[] idx = new long[(int) o];
            for (int i = 0; i < o; i++) idx[i] = Math.min(Math.round((float) i * s), n - 1);
            y = c.add(Op.GATHER, List.of(y, c.i64(idx)), Map.of("axis", (long) axis));
        }
        return y;
    }

    static void checkCorners(OpContext c, boolean align, boolean half) {
        if (align && half) {
            throw new TranslationException(c.op() + " " + c.name() + " sets both align_corners and half_pixel_centers, "
                    + "which TF rejects");
        }
    }

    static long[] outSize(OpContext c) {
        long[] size = c.constInts(1);
        if (size.length != 2 || size[0] <= 0 || size[1] <= 0) {
            throw new TranslationException("size must be two positive values, got " + java.util.Arrays.toString(size));
        }
        return size;
    }

    /** TF's resizers read every pixel as float and return float32. */
    private static Value floatImage(OpContext c) {
        Value x = c.input(0);
        return x.dtype() == DType.F32 ? x : c.add(Op.CAST, List.of(x), Map.of("to", DType.F32));
    }

    private static long[] staticHw(OpContext c, Value x) {
        Shape s = x.shape();
        if (!s.hasRank() || s.rank() != 4) throw new TranslationException("the image must be 4-D NHWC, got " + s);
        Dim h = s.dim(1);
        Dim w = s.dim(2);
        if (!h.isStatic() || !w.isStatic()) {
            throw new TranslationException(c.op() + " needs static image height and width (its sampling weights are "
                    + "computed at conversion), got " + s);
        }
        return new long[] {h.size(), w.size()};
    }

    /** CalculateResizeScale, in float as TF computes it. */
    static float scale(long in, long out, boolean align) {
        return align && out > 1 ? (in - 1) / (float) (out - 1) : in / (float) out;
    }

    private static float source(long o, float scale, boolean half) {
        return half ? ((float) o + 0.5f) * scale - 0.5f : (float) o * scale;
    }

    private static long bound(long v, long limit) { return Math.min(limit - 1, Math.max(0, v)); }

    /** Gathers the taps of {@code axis} (1 = H, 2 = W of NHWC), weights them and sums them. */
    private static Value apply(OpContext c, Value x, int axis, Taps t) {
        int out = t.index().length;
        int k = t.count();
        long[] idx = new long[out * k];
        double[] w = new double[out * k];
        for (int o = 0; o < out; o++) {
            for (int j = 0; j < k; j++) {
                idx[o * k + j] = t.index()[o][j];
                w[o * k + j] = t.weight()[o][j];
            }
        }
        Value index = c.constant(TensorValues.ofLongs(DType.I64, Shape.of(out, k), idx));
        Value g = c.add(Op.GATHER, List.of(x, index), Map.of("axis", (long) axis));
        // The gathered taps sit at axis + 1; the weights broadcast over the axes after them.
        long[] ws = new long[2 + (3 - axis)];
        ws[0] = out;
        ws[1] = k;
        for (int i = 2; i < ws.length; i++) ws[i] = 1;
        Value weights = c.constant(TensorValues.ofDoubles(DType.F32, Shape.of(ws), w));
        Value prod = c.add(Op.MUL, g, weights);
        return c.add(Op.REDUCE_SUM, List.of(prod), Map.of("axes", new long[] {axis + 1}, "keepdims", false));
    }

    private static final int TABLE = 1024;

    /** TF's InitCoeffsTable: the cubic kernel at i/1024 and 1 + i/1024, in double, stored as float. */
    static float[] cubicTable(double a) {
        float[] t = new float[(TABLE + 1) * 2];
        for (int i = 0; i <= TABLE; i++) {
            float x = (float) (i * 1.0 / TABLE);
            t[i * 2] = (float) (((a + 2) * x - (a + 3)) * x * x + 1);
            x = (float) (x + 1.0);
            t[i * 2 + 1] = (float) (((a * x - 5 * a) * x + 8 * a) * x - 4 * a);
        }
        return t;
    }

    static Taps cubic(long in, long out, boolean align, boolean half) {
        float scale = scale(in, out, align);
        boolean keys = half;
        float[] table = cubicTable(keys ? -0.5 : -0.75);
        long[][] index = new long[(int) out][4];
        float[][] weight = new float[(int) out][4];
        for (int o = 0; o < out; o++) {
            float loc = source(o, scale, half);
            long fl = (long) Math.floor(loc);
            float delta = loc - fl;
            int off = (int) Math.rint(delta * TABLE);
            float[] w = {table[off * 2 + 1], table[off * 2], table[(TABLE - off) * 2], table[(TABLE - off) * 2 + 1]};
            for (int j = 0; j < 4; j++) {
                long want = fl - 1 + j;
                index[o][j] = bound(want, in);
                // Keys resampling drops the taps outside the image and renormalizes the rest.
                if (keys && index[o][j] != want) w[j] = 0f;
            }
            if (keys) {
                float sum = w[0] + w[1] + w[2] + w[3];
                if (Math.abs(sum) >= 1000.0f * Float.MIN_NORMAL) {
                    float inv = 1.0f / sum;
                    for (int j = 0; j < 4; j++) w[j] *= inv;
                }
            }
            weight[o] = w;
        }
        return new Taps(index, weight);
    }

    /** ResizeArea's per-cell coverage of the source span [o * scale, (o + 1) * scale), in TF's float steps. */
    static Taps area(long in, long out, float scale) {
        long[][] spans = new long[(int) out][];
        float[][] ws = new float[(int) out][];
        int k = 1;
        for (int o = 0; o < out; o++) {
            float in0 = (float) o * scale;
            float in1 = (float) (o + 1) * scale;
            long start = (long) Math.floor(in0);
            long end = (long) Math.ceil(in1);
            int n = (int) Math.max(end - start, 1);
            spans[o] = new long[n];
            ws[o] = new float[n];
            for (int j = 0; j < n; j++) {
                long v = start + j;
                float s;
                if (v < in0) s = v + 1 > in1 ? scale : (float) (v + 1) - in0;
                else s = v + 1 > in1 ? in1 - (float) v : 1.0f;
                spans[o][j] = bound(v, in);
                ws[o][j] = s;
            }
            k = Math.max(k, n);
        }
        long[][] index = new long[(int) out][k];
        float[][] weight = new float[(int) out][k];
        for (int o = 0; o < out; o++) {
            for (int j = 0; j < k; j++) {
                // Padding taps repeat the first source with weight 0.
                boolean real = j < spans[o].length;
                index[o][j] = real ? spans[o][j] : spans[o][0];
                weight[o][j] = real ? ws[o][j] : 0f;
            }
        }
        return new Taps(index, weight);
    }

    /** compute_interpolation_weights of TF's bilinear resizer: floor and ceil neighbours, lerp = in - floor(in). */
    static Taps linear(long in, long out, boolean align, boolean half) {
        float scale = scale(in, out, align);
        long[][] index = new long[(int) out][2];
        float[][] weight = new float[(int) out][2];
        for (int o = 0; o < out; o++) {
            float loc = source(o, scale, half);
            float fl = (float) Math.floor(loc);
            float lerp = loc - fl;
            index[o][0] = Math.max((long) fl, 0);
            index[o][1] = Math.min((long) Math.ceil(loc), in - 1);
            weight[o][0] = 1f - lerp;
            weight[o][1] = lerp;
        }
        return new Taps(index, weight);
    }
}
