package org.tf2torch.exporters.pytorch.ops;

/**
 * A 2-D transposed convolution written, for the archive only, as the convolution it equals: the input with
 * {@code stride - 1} zeros put between its elements, correlated with the kernel flipped and its in/out axes
 * swapped, padded by {@code d*(k-1)} minus what the transposed convolution removes. libtorch 2.5.1's CPU
 * {@code conv_transpose2d} returns wrong values for batches of 2 or more with few channels (stride 1 with up to 8
 * input channels; strides 2 and 3 with 1 or 2 output channels, among others); torch 1.13 is right, so model.py
 * keeps the transposed form and its layer.
 */
public final class ArchiveConvTranspose {
    private ArchiveConvTranspose() {}

    /** Whether the archive writes this transposed convolution as a convolution. */
    public static boolean applies(Dialect d, long group, int spatial) {
        return d == Dialect.SCRIPT && spatial == 2 && group == 1;
    }

    /**
     * @param removed what the transposed convolution removes from its full result, ONNX order (begins, then ends)
     * @param outPad what it adds at each end after that
     */
    public static String expr(Dialect d, String x, String w, String bias, long[] kernel, long[] strides, long[] dil,
                              long[] removed, long[] outPad) {
        int sp = kernel.length;
        String in = x;
        // zeros between elements: a trailing axis of stride-1 zeros, merged into the spatial axis, minus the
        // zeros after the last element
        if (strides[1] != 1) {
            long s = strides[1];
            in = "torch.pad(torch.flatten(torch.pad(torch.unsqueeze(" + in + ", 4), [0, " + (s - 1) + "]), 3, 4), [0, "
                    + (1 - s) + "])";
        }
        if (strides[0] != 1) {
            long s = strides[0];
            in = "torch.pad(torch.flatten(torch.pad(torch.unsqueeze(" + in + ", 3), [0, 0, 0, " + (s - 1)
                    + "]), 2, 3), [0, 0, 0, " + (1 - s) + "])";
        }
        long[] pads = new long[2 * sp];
        for (int i = 0; i < sp; i++) {
            long full = dil[i] * (kernel[i] - 1);
            pads[i] = full - removed[i];
            pads[i + sp] = full - removed[i + sp] + outPad[i];
        }
        long[] same = Padding.symmetric(pads);
        boolean padFirst = same == null;
        if (same != null) for (long p : same) padFirst |= p < 0;
        // a negative amount makes torch.pad crop, which is what an over-large removal means
        if (padFirst) in = Padding.constant(d, in, pads, "None");
        long[] convPad = padFirst ? Padding.filled(sp, 0) : same;
        String flipped = "torch.flip(torch.transpose(" + w + ", 0, 1), [2, 3])";
        return "torch.conv2d(" + in + ", " + flipped + ", " + bias + ", " + PyLiterals.ints(Padding.filled(sp, 1))
                + ", " + PyLiterals.ints(convPad) + ", " + PyLiterals.ints(dil) + ", 1)";
    }
}
