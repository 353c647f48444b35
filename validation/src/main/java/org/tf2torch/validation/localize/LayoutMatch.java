package org.tf2torch.validation.localize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tf2torch.ir.Transposer;
import org.tf2torch.validation.compare.Comparator;
import org.tf2torch.validation.compare.OutputComparison;
import org.tf2torch.validation.compare.Tolerance;
import org.tf2torch.validation.io.NdArray;

/**
 * Compares a TF tensor with an IR value that may hold it in another layout: the IR is channels-first where TF
 * spatial ops are channels-last, so an intermediate can legitimately be the NCHW form of TF's NHWC tensor (or, after
 * a transpose back, equal as is). Only those two permutations are tried: anything else is a different tensor.
 */
final class LayoutMatch {
    /** A comparison and the layout it was made in ({@code as is}, {@code NHWC->NCHW}, {@code NCHW->NHWC}). */
    record Result(OutputComparison comparison, String layout) {}

    private LayoutMatch() {}

    /** The best-matching layout, or null when no layout makes the shapes agree. */
    static Result compare(String name, NdArray tf, NdArray torch, Tolerance tol) {
        List<Result> tries = new ArrayList<>();
        if (Arrays.equals(tf.shape(), torch.shape())) tries.add(new Result(Comparator.compare(name, tf, torch, tol), "as is"));
        int r = tf.rank();
        if (r >= 3 && r <= 5 && tf.dtype() == torch.dtype()) {
            int[] toFirst = new int[r];
            int[] toLast = new int[r];
            toFirst[1] = r - 1;
            toLast[r - 1] = 1;
            for (int i = 2; i < r; i++) {
                toFirst[i] = i - 1;
                toLast[i - 1] = i;
            }
            if (Arrays.equals(permutedShape(tf.shape(), toFirst), torch.shape())) {
                tries.add(new Result(Comparator.compare(name, permute(tf, toFirst), torch, tol), "NHWC->NCHW"));
            }
            if (Arrays.equals(permutedShape(tf.shape(), toLast), torch.shape())) {
                tries.add(new Result(Comparator.compare(name, permute(tf, toLast), torch, tol), "NCHW->NHWC"));
            }
        }
        Result best = null;
        for (Result t : tries) if (best == null || better(t.comparison(), best.comparison())) best = t;
        return best;
    }

    private static boolean better(OutputComparison a, OutputComparison b) {
        if (a.passed() != b.passed()) return a.passed();
        return a.mismatches() < b.mismatches();
    }

    static long[] permutedShape(long[] shape, int[] perm) {
        long[] out = new long[perm.length];
        for (int i = 0; i < perm.length; i++) out[i] = shape[perm[i]];
        return out;
    }

    static NdArray permute(NdArray in, int[] perm) {
        return NdArray.of(in.dtype(), permutedShape(in.shape(), perm),
                Transposer.transpose(in.data(), in.shape(), perm, in.dtype().byteSize()));
    }
}
