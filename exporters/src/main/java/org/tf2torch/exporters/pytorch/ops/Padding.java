package org.tf2torch.exporters.pytorch.ops;

import java.util.Arrays;

/**
 * ONNX pads ({@code [x1_begin, x2_begin, ..., x1_end, x2_end]}, first dim first) in the forms torch wants:
 * {@code F.pad}'s list runs from the last dim backwards as (begin, end) pairs; conv and pool take one
 * symmetric amount per spatial dim.
 */
final class Padding {
    private Padding() {}

    /** Per-dim amounts when every begin equals its end, else null. */
    static long[] symmetric(long[] pads) {
        int n = pads.length / 2;
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            if (pads[i] != pads[i + n]) return null;
            out[i] = pads[i];
        }
        return out;
    }

    /** {@code F.pad}'s list for the trailing dims {@code pads} covers, leading all-zero dims left out. */
    static long[] torchOrder(long[] pads) {
        int n = pads.length / 2;
        int first = 0;
        while (first < n && pads[first] == 0 && pads[first + n] == 0) first++;
        long[] out = new long[2 * (n - first)];
        for (int i = n - 1, k = 0; i >= first; i--) {
            out[k++] = pads[i];
            out[k++] = pads[i + n];
        }
        return out;
    }

    static boolean allZero(long[] v) {
        for (long x : v) if (x != 0) return false;
        return true;
    }

    static long[] filled(int n, long v) {
        long[] a = new long[n];
        Arrays.fill(a, v);
        return a;
    }

    /** {@code F.pad(x, pads, value=v)} / {@code torch.pad(x, pads, "constant", v)}; {@code value} "None" is 0. */
    static String constant(Dialect d, String x, long[] onnxPads, String value) {
        return d.call(d.nn("pad")).arg(x).arg(PyLiterals.ints(torchOrder(onnxPads)))
                .opt("mode", "\"constant\"", "\"constant\"").opt("value", value, "None").render();
    }
}
