package org.tf2torch.importers.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Value;

/**
 * A reshape target made of literal sizes and sizes of one tensor's dims (times or divided by a factor). It is
 * a constant when every size is static; otherwise the dynamic entries are read with shape/gather at run time,
 * so a rearrangement works with any number of dynamic dims, where a constant target allows one -1.
 */
final class SizeVector {
    private final OpContext c;
    private final Value of;
    private final List<long[]> parts = new ArrayList<>();
    private Value shape;

    SizeVector(OpContext c, Value of) {
        this.c = c;
        this.of = of;
    }

    SizeVector literal(long size) {
        parts.add(new long[] {-1, size, 1});
        return this;
    }

    /** Dim {@code axis} of the tensor, times {@code mul}, divided by {@code div} (exact for valid inputs). */
    SizeVector dim(int axis, long mul, long div) {
        parts.add(new long[] {axis, mul, div});
        return this;
    }

    SizeVector dim(int axis) { return dim(axis, 1, 1); }

    /** A new vector over the same tensor that reuses this one's run-time shape read (call after build). */
    SizeVector another() {
        SizeVector v = new SizeVector(c, of);
        v.shape = shape;
        return v;
    }

    Value build() {
        long[] known = new long[parts.size()];
        boolean[] dynamic = new boolean[parts.size()];
        boolean allStatic = true;
        for (int i = 0; i < known.length; i++) {
            long[] p = parts.get(i);
            if (p[0] < 0) {
                known[i] = p[1];
                continue;
            }
            Dim d = of.shape().dim((int) p[0]);
            if (d.isStatic()) known[i] = d.size() * p[1] / p[2];
            else {
                dynamic[i] = true;
                allStatic = false;
            }
        }
        if (allStatic) return c.i64(known);
        // Runs of literal sizes become one constant, runs of plain dims one gather, to keep the code short.
        List<Value> pieces = new ArrayList<>();
        int i = 0;
        while (i < known.length) {
            int j = i;
            if (!dynamic[i]) {
                while (j < known.length && !dynamic[j]) j++;
                pieces.add(c.i64(java.util.Arrays.copyOfRange(known, i, j)));
            } else if (parts.get(i)[1] == 1 && parts.get(i)[2] == 1) {
                while (j < known.length && dynamic[j] && parts.get(j)[1] == 1 && parts.get(j)[2] == 1) j++;
                long[] axes = new long[j - i];
                for (int k = i; k < j; k++) axes[k - i] = parts.get(k)[0];
                pieces.add(c.add(Op.GATHER, List.of(shape(), c.i64(axes)), Map.of("axis", 0L)));
            } else {
                long[] p = parts.get(i);
                Value v = c.add(Op.GATHER, List.of(shape(), c.i64(p[0])), Map.of("axis", 0L));
                if (p[1] != 1) v = c.add(Op.MUL, v, c.i64(p[1]));
                if (p[2] != 1) v = c.add(Op.DIV, v, c.i64(p[2]));
                pieces.add(v);
                j = i + 1;
            }
            i = j;
        }
        return pieces.size() == 1 ? pieces.get(0) : c.add(Op.CONCAT, pieces, Map.of("axis", 0L));
    }

    private Value shape() {
        if (shape == null) shape = c.add(Op.SHAPE, of);
        return shape;
    }
}
