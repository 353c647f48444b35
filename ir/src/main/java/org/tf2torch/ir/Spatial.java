package org.tf2torch.ir;

import java.util.ArrayList;
import java.util.List;

/** Output shapes of convolutions and pools (channels-first). */
final class Spatial {
    private Spatial() {}

    static TensorType conv(TensorType x, TensorType w, TensorType bias, Attrs a) {
        Shape s = x.shape();
        if (!s.hasRank()) return x.withShape(Shape.unknownRank());
        long[] strides = a.ints("strides");
        long[] pads = a.ints("pads");
        long[] dil = a.ints("dilations");
        int sp = s.rank() - 2;
        checkLengths("conv", sp, strides, pads, dil);
        Shape ws = w.shape();
        if (!ws.hasRank()) {
            long[] unknown = new long[s.rank()];
            java.util.Arrays.fill(unknown, -1);
            ws = Shape.of(unknown);
        }
        if (ws.rank() != s.rank()) {
            throw new IllegalArgumentException("conv weight " + ws + " does not match input " + s);
        }
        long group = a.i("group");
        Dim c = s.dim(1);
        Dim wc = ws.dim(1);
        if (c.isStatic() && wc.isStatic() && c.size() != wc.size() * group) {
            throw new IllegalArgumentException("conv input " + s + " has " + c + " channels but weight " + ws
                    + " with group " + group + " expects " + wc.size() * group);
        }
        Shape bs = bias == null ? null : bias.shape();
        if (bs != null && bs.hasRank() && (bs.rank() != 1 || bs.dim(0).isStatic() && ws.dim(0).isStatic()
                && bs.dim(0).size() != ws.dim(0).size())) {
            throw new IllegalArgumentException("conv bias " + bs + " is not one value per output channel of " + ws);
        }
        List<Dim> out = new ArrayList<>();
        out.add(s.dim(0));
        out.add(ws.dim(0));
        for (int i = 0; i < sp; i++) {
            Dim k = ws.dim(2 + i);
            out.add(window(s.dim(2 + i), k.isStatic() ? k.size() : -1, strides[i], pads[i] + pads[i + sp], dil[i]));
        }
        return x.withShape(Shape.of(out));
    }

    static TensorType pool(TensorType x, Attrs a) {
        Shape s = x.shape();
        if (!s.hasRank()) return x;
        long[] k = a.ints("kernel_shape");
        long[] strides = a.ints("strides");
        long[] pads = a.ints("pads");
        int sp = s.rank() - 2;
        long[] ones = new long[sp];
        java.util.Arrays.fill(ones, 1);
        checkLengths("pool", sp, strides, pads, ones);
        if (k.length != sp) throw new IllegalArgumentException("pool kernel_shape has " + k.length + " dims, input " + s);
        List<Dim> out = new ArrayList<>(s.dims().subList(0, 2));
        for (int i = 0; i < sp; i++) out.add(window(s.dim(2 + i), k[i], strides[i], pads[i] + pads[i + sp], 1));
        return x.withShape(Shape.of(out));
    }

    private static void checkLengths(String what, int sp, long[] strides, long[] pads, long[] dil) {
        if (strides.length != sp || dil.length != sp || pads.length != 2 * sp) {
            throw new IllegalArgumentException(what + " attributes do not match " + sp + " spatial dims");
        }
    }

    private static Dim window(Dim in, long k, long stride, long padTotal, long dil) {
        if (stride <= 0 || dil <= 0) throw new IllegalArgumentException("strides and dilations must be positive");
        if (!in.isStatic() || k < 0) return Dim.unknown();
        long eff = dil * (k - 1) + 1;
        // floorDiv: a window larger than the padded input must fail, not round up to one output
        long n = Math.floorDiv(in.size() + padTotal - eff, stride) + 1;
        if (n <= 0) throw new IllegalArgumentException("window of " + eff + " does not fit input size " + in);
        return Dim.of(n);
    }
}
