package org.tf2torch.ir;

import java.util.ArrayList;
import java.util.List;

/** Output shapes of convolutions and pools (channels-first). */
final class Spatial {
    private Spatial() {}

    static TensorType conv(TensorType x, TensorType w, Attrs a) {
        Shape s = x.shape();
        if (!s.hasRank()) return x.withShape(Shape.unknownRank());
        long[] strides = a.ints("strides");
        long[] pads = a.ints("pads");
        long[] dil = a.ints("dilations");
        int sp = s.rank() - 2;
        checkLengths("conv", sp, strides, pads, dil);
        List<Dim> out = new ArrayList<>();
        out.add(s.dim(0));
        out.add(w.shape().dim(0));
        for (int i = 0; i < sp; i++) {
            Dim k = w.shape().dim(2 + i);
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
        if (!in.isStatic() || k < 0) return Dim.unknown();
        long eff = dil * (k - 1) + 1;
        long n = (in.size() + padTotal - eff) / stride + 1;
        if (n <= 0) throw new IllegalArgumentException("window of " + eff + " does not fit input size " + in);
        return Dim.of(n);
    }
}
