package org.tf2torch.importers.ops;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Value;

/**
 * TF's channels-last layout around the IR's channels-first spatial ops, and TF's padding schemes turned into
 * explicit ONNX pads (SAME puts the odd extra pixel at the end, as TF does).
 */
final class Layout {
    private Layout() {}

    static boolean channelsLast(OpContext c) {
        String f = c.attrString("data_format", "NHWC");
        if (f.equals("NHWC") || f.equals("NDHWC") || f.equals("NWC")) return true;
        if (f.equals("NCHW") || f.equals("NCDHW") || f.equals("NCW")) return false;
        throw new TranslationException("data_format " + f + " is not supported");
    }

    /** [N, spatial..., C] → [N, C, spatial...]. */
    static Value toFirst(OpContext c, Value x) {
        int r = rank(x);
        long[] perm = new long[r];
        perm[0] = 0;
        perm[1] = r - 1;
        for (int i = 2; i < r; i++) perm[i] = i - 1;
        return c.add(Op.TRANSPOSE, List.of(x), Map.of("perm", perm));
    }

    /** [N, C, spatial...] → [N, spatial..., C]. */
    static Value toLast(OpContext c, Value x) {
        int r = rank(x);
        long[] perm = new long[r];
        perm[0] = 0;
        for (int i = 1; i < r - 1; i++) perm[i] = i + 1;
        perm[r - 1] = 1;
        return c.add(Op.TRANSPOSE, List.of(x), Map.of("perm", perm));
    }

    static int rank(Value x) {
        if (!x.shape().hasRank()) throw new TranslationException("input rank must be known");
        return x.shape().rank();
    }

    /** The spatial entries of a per-dimension TF attribute (strides, ksize, dilations) given in data_format order. */
    static long[] spatial(long[] full, int rank, boolean channelsLast, long def) {
        long[] out = new long[rank - 2];
        for (int i = 0; i < out.length; i++) {
            if (full.length == 0) out[i] = def;
            else if (full.length == rank) out[i] = full[channelsLast ? i + 1 : i + 2];
            else if (full.length == rank - 2) out[i] = full[i];
            else throw new TranslationException("attribute has " + full.length + " entries for rank " + rank);
        }
        return out;
    }

    /**
     * ONNX pads [begins..., ends...] for TF padding {@code SAME}/{@code VALID}/{@code EXPLICIT} of a
     * channels-first input; SAME needs the spatial sizes statically.
     */
    static long[] pads(OpContext c, Shape nchw, long[] kernel, long[] strides, long[] dilations, boolean channelsLast) {
        int sp = kernel.length;
        long[] pads = new long[2 * sp];
        String padding = c.attrString("padding", "VALID");
        switch (padding) {
            case "VALID":
                return pads;
            case "SAME":
                for (int i = 0; i < sp; i++) {
                    Dim d = nchw.dim(2 + i);
                    if (!d.isStatic()) {
                        throw new TranslationException("SAME padding needs a static spatial size, got " + nchw);
                    }
                    long in = d.size();
                    long out = (in + strides[i] - 1) / strides[i];
                    long eff = (kernel[i] - 1) * dilations[i] + 1;
                    long total = Math.max((out - 1) * strides[i] + eff - in, 0);
                    pads[i] = total / 2;
                    pads[i + sp] = total - total / 2;
                }
                return pads;
            case "EXPLICIT": {
                long[] e = c.attrInts("explicit_paddings");
                int rank = sp + 2;
                for (int i = 0; i < sp; i++) {
                    int dim = channelsLast ? i + 1 : i + 2;
                    pads[i] = e[2 * dim];
                    pads[i + sp] = e[2 * dim + 1];
                }
                if (e.length != 2 * rank) throw new TranslationException("explicit_paddings has " + e.length + " entries");
                return pads;
            }
            default:
                throw new TranslationException("padding " + padding + " is not supported");
        }
    }
}
