package org.tf2torch.ir.passes;

import org.tf2torch.ir.DType;
import org.tf2torch.ir.Node;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;

/**
 * Arg-max/min of constant integer data, which shape arithmetic uses (an axis picked from a shape, e.g. the
 * smallest dim). Integer comparisons are exact, so folding cannot change a result; floats stay in the model.
 */
final class IndexFolding {
    private IndexFolding() {}

    /** The first index of the extreme along the axis (TF and torch both return the first), or null. */
    static Tensor argExtreme(Node n, Tensor in, boolean max) {
        DType t = in.dtype();
        if (!t.isInteger() && t != DType.BOOL) return null;
        Shape s = in.shape();
        if (!s.isStatic()) return null;
        long[] dims = s.sizes();
        int rank = dims.length;
        if (rank == 0) return null;
        long axisAttr = n.attrs().i("axis");
        int axis = (int) (axisAttr < 0 ? axisAttr + rank : axisAttr);
        if (axis < 0 || axis >= rank || dims[axis] == 0) return null;
        long outer = 1;
        for (int i = 0; i < axis; i++) outer *= dims[i];
        long inner = 1;
        for (int i = axis + 1; i < rank; i++) inner *= dims[i];
        long[] v = TensorValues.toLongs(in);
        long[] out = new long[Math.toIntExact(outer * inner)];
        for (long o = 0; o < outer; o++) {
            for (long k = 0; k < inner; k++) {
                int best = 0;
                long bestValue = v[(int) (o * dims[axis] * inner + k)];
                for (int j = 1; j < dims[axis]; j++) {
                    long x = v[(int) ((o * dims[axis] + j) * inner + k)];
                    if (max ? x > bestValue : x < bestValue) {
                        best = j;
                        bestValue = x;
                    }
                }
                out[(int) (o * inner + k)] = best;
            }
        }
        return TensorValues.ofLongs(DType.I64, n.output().shape(), out);
    }
}
