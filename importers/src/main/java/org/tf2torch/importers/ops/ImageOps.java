package org.tf2torch.importers.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Value;

/** Transposed and 3-D convolutions, 3-D pooling, contrast; colour spaces and resizing in their own classes. */
final class ImageOps implements OpFamily {
    @Override
    public void register(OpRegistry r) {
        r.add("Conv3D", Translator.single(ImageOps::conv3d), Op.CONV, Op.TRANSPOSE);
        r.add("Conv2DBackpropInput", Translator.single(ImageOps::convTranspose), Op.CONV_TRANSPOSE, Op.TRANSPOSE);
        r.add("Conv3DBackpropInputV2", Translator.single(ImageOps::convTranspose), Op.CONV_TRANSPOSE, Op.TRANSPOSE);
        r.add("MaxPool3D", Translator.single(c -> ConvOps.pool(c, Op.MAX_POOL)), Op.MAX_POOL, Op.TRANSPOSE);
        r.add("AvgPool3D", Translator.single(c -> ConvOps.pool(c, Op.AVERAGE_POOL)), Op.AVERAGE_POOL, Op.TRANSPOSE);
        r.add("AdjustContrastv2", Translator.single(ContrastMeans::adjustContrast), Op.RESHAPE, Op.SLICE, Op.CONCAT,
                Op.REDUCE_MEAN, Op.SUB, Op.MUL, Op.ADD);
        new ColorOps().register(r);
        new ResizeOps().register(r);
        new PatchOps().register(r);
        new NormOps().register(r);
        new ArgmaxPoolOps().register(r);
        new NmsOps().register(r);
        new CropOps().register(r);
        new DrawOps().register(r);
    }

    /** TF kernel [D, H, W, I, O] → [O, I, D, H, W]. */
    private static Value conv3d(OpContext c) {
        boolean last = Layout.channelsLast(c);
        Value x = last ? Layout.toFirst(c, c.input(0)) : c.input(0);
        long[] k = staticKernel(c.input(1), 5);
        Value w = c.add(Op.TRANSPOSE, List.of(c.input(1)), Map.of("perm", new long[] {4, 3, 0, 1, 2}));
        long[] strides = Layout.spatial(c.attrInts("strides"), 5, last, 1);
        long[] dil = Layout.spatial(c.attrInts("dilations"), 5, last, 1);
        long[] pads = Layout.pads(c, x.shape(), new long[] {k[0], k[1], k[2]}, strides, dil, last);
        long group = 1;
        Dim in = x.shape().dim(1);
        if (in.isStatic() && in.size() != k[3]) group = in.size() / k[3];
        Value y = c.add(Op.CONV, List.of(x, w), Map.of("strides", strides, "pads", pads, "dilations", dil, "group", group));
        return last ? Layout.toLast(c, y) : y;
    }

    /**
     * TF's gradient of a convolution with respect to its input: inputs input_sizes (the forward input's shape),
     * filter [spatial..., out, in] and out_backprop. The forward conv's pads for input_sizes (SAME, VALID or
     * EXPLICIT) are the transposed conv's pads, and output_padding makes up what the stride left over, so the
     * result has exactly input_sizes. The kernel is the forward one: [spatial..., O, I] → [I, O, spatial...].
     */
    private static Value convTranspose(OpContext c) {
        boolean last = Layout.channelsLast(c);
        Long[] sizes = PartialInts.of(c, 0);
        if (sizes == null) {
            throw new TranslationException("input_sizes must be a 1-D vector of known length built from constants"
                    + " and run-time sizes");
        }
        int rank = sizes.length;
        for (int i = 0; i < rank; i++) {
            boolean spatial = last ? i >= 1 && i < rank - 1 : i >= 2;
            if (spatial && sizes[i] == null) {
                throw new TranslationException("input_sizes " + java.util.Arrays.toString(sizes)
                        + " has a spatial size computed at run time; only the batch and channel entries may be");
            }
        }
        Value x = last ? Layout.toFirst(c, c.input(2)) : c.input(2);
        long[] k = staticKernel(c.input(1), rank);
        long[] perm = new long[rank];
        perm[0] = rank - 1;
        perm[1] = rank - 2;
        for (int i = 2; i < rank; i++) perm[i] = i - 2;
        Value w = c.add(Op.TRANSPOSE, List.of(c.input(1)), Map.of("perm", perm));
        int sp = rank - 2;
        long[] kernel = new long[sp];
        System.arraycopy(k, 0, kernel, 0, sp);
        long[] strides = Layout.spatial(c.attrInts("strides"), rank, last, 1);
        long[] dil = Layout.spatial(c.attrInts("dilations"), rank, last, 1);
        List<Dim> forward = new ArrayList<>();
        forward.add(dim(sizes[0]));
        forward.add(dim(sizes[last ? rank - 1 : 1]));
        for (int i = 0; i < sp; i++) forward.add(Dim.of(sizes[last ? i + 1 : i + 2]));
        long[] pads = Layout.pads(c, Shape.of(forward), kernel, strides, dil, last);
        Shape xs = x.shape();
        long[] outPad = new long[sp];
        for (int i = 0; i < sp; i++) {
            Dim d = xs.dim(2 + i);
            if (!d.isStatic()) throw new TranslationException("the gradient input needs static spatial sizes, got " + xs);
            long full = (d.size() - 1) * strides[i] + (kernel[i] - 1) * dil[i] + 1 - pads[i] - pads[i + sp];
            outPad[i] = forward.get(2 + i).size() - full;
            if (outPad[i] < 0 || outPad[i] >= Math.max(strides[i], dil[i])) {
                throw new TranslationException("input_sizes " + java.util.Arrays.toString(sizes)
                        + " do not fit a transposed convolution of " + xs);
            }
        }
        Value y = c.add(Op.CONV_TRANSPOSE, List.of(x, w), Map.of("strides", strides, "pads", pads, "dilations", dil,
                "group", 1L, "output_padding", outPad));
        return last ? Layout.toLast(c, y) : y;
    }

    private static Dim dim(Long size) { return size == null ? Dim.unknown() : Dim.of(size); }

    private static long[] staticKernel(Value w, int rank) {
        Shape ws = w.shape();
        if (!ws.isStatic() || ws.rank() != rank) {
            throw new TranslationException("the kernel needs a static " + rank + "-D shape, got " + ws);
        }
        return ws.sizes();
    }
}
