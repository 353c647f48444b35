package org.tf2torch.ir.passes;

import org.tf2torch.ir.Attrs;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;

/** Element-wise arithmetic on constants with NumPy broadcasting: doubles for floats, longs for integers. */
final class Elementwise {
    private Elementwise() {}

    static Tensor binary(Op op, Tensor x, Tensor y, DType out, Shape outShape) {
        if (!outShape.isStatic()) return null;
        int n = Math.toIntExact(outShape.numElements());
        long[] os = outShape.sizes();
        int[] ix = index(x.shape().sizes(), os, n);
        int[] iy = index(y.shape().sizes(), os, n);
        if (op.isPredicate() || op == Op.AND || op == Op.OR || op == Op.XOR) {
            return TensorValues.ofLongs(out, outShape, compare(op, x, y, ix, iy, n));
        }
        if (out.isFloating()) {
            double[] a = TensorValues.toDoubles(x);
            double[] b = TensorValues.toDoubles(y);
            double[] r = new double[n];
            for (int i = 0; i < n; i++) r[i] = applyDouble(op, a[ix[i]], b[iy[i]]);
            return TensorValues.ofDoubles(out, outShape, r);
        }
        long[] a = TensorValues.toLongs(x);
        long[] b = TensorValues.toLongs(y);
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            Long v = applyLong(op, a[ix[i]], b[iy[i]]);
            if (v == null) return null;
            r[i] = v;
        }
        return TensorValues.ofLongs(out, outShape, r);
    }

    /** TF's FloorMod ({@code fmod} false: the sign of the divisor) or TruncateMod; null on a zero divisor. */
    static Tensor integerMod(Tensor x, Tensor y, DType out, Shape outShape, boolean fmod) {
        if (!outShape.isStatic()) return null;
        int n = Math.toIntExact(outShape.numElements());
        long[] os = outShape.sizes();
        int[] ix = index(x.shape().sizes(), os, n);
        int[] iy = index(y.shape().sizes(), os, n);
        long[] a = TensorValues.toLongs(x);
        long[] b = TensorValues.toLongs(y);
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            long d = b[iy[i]];
            if (d == 0) return null;
            r[i] = fmod ? a[ix[i]] % d : Math.floorMod(a[ix[i]], d);
        }
        return TensorValues.ofLongs(out, outShape, r);
    }

    static Tensor unary(Op op, Attrs attrs, Tensor x) {
        if (op == Op.NOT) {
            long[] a = TensorValues.toLongs(x);
            for (int i = 0; i < a.length; i++) a[i] = a[i] == 0 ? 1 : 0;
            return TensorValues.ofLongs(DType.BOOL, x.shape(), a);
        }
        if (op.isPredicate()) return null;
        if (!x.dtype().isFloating()) {
            if (op != Op.NEG && op != Op.ABS) return null;
            long[] a = TensorValues.toLongs(x);
            for (int i = 0; i < a.length; i++) a[i] = op == Op.NEG ? -a[i] : Math.abs(a[i]);
            return TensorValues.ofLongs(x.dtype(), x.shape(), a);
        }
        double[] a = TensorValues.toDoubles(x);
        for (int i = 0; i < a.length; i++) {
            double v = a[i];
            switch (op) {
                case NEG: v = -v; break;
                case ABS: v = Math.abs(v); break;
                case EXP: v = Math.exp(v); break;
                case LOG: v = Math.log(v); break;
                case SQRT: v = Math.sqrt(v); break;
                case RECIPROCAL: v = 1.0 / v; break;
                case RELU: v = Math.max(0, v); break;
                case CLIP: v = Math.min(Math.max(v, attrs.f("min")), attrs.f("max")); break;
                default: return null;
            }
            a[i] = v;
        }
        return TensorValues.ofDoubles(x.dtype(), x.shape(), a);
    }

    static Tensor broadcastTo(Tensor x, Shape outShape) {
        int n = Math.toIntExact(outShape.numElements());
        int[] ix = index(x.shape().sizes(), outShape.sizes(), n);
        if (x.dtype().isFloating()) {
            double[] a = TensorValues.toDoubles(x);
            double[] r = new double[n];
            for (int i = 0; i < n; i++) r[i] = a[ix[i]];
            return TensorValues.ofDoubles(x.dtype(), outShape, r);
        }
        long[] a = TensorValues.toLongs(x);
        long[] r = new long[n];
        for (int i = 0; i < n; i++) r[i] = a[ix[i]];
        return TensorValues.ofLongs(x.dtype(), outShape, r);
    }

    /**
     * Comparisons and logic give bool whatever the operands: floating operands compare as doubles (exact for
     * every narrower float), integers as longs, so a constant predicate (a TF1 cond's) is known at import.
     */
    private static long[] compare(Op op, Tensor x, Tensor y, int[] ix, int[] iy, int n) {
        long[] r = new long[n];
        if (x.dtype().isFloating() || y.dtype().isFloating()) {
            double[] a = TensorValues.toDoubles(x);
            double[] b = TensorValues.toDoubles(y);
            for (int i = 0; i < n; i++) {
                double p = a[ix[i]];
                double q = b[iy[i]];
                boolean nan = Double.isNaN(p) || Double.isNaN(q);
                r[i] = test(op, p < q ? -1 : p > q ? 1 : 0, nan, p != 0, q != 0) ? 1 : 0;
            }
            return r;
        }
        long[] a = TensorValues.toLongs(x);
        long[] b = TensorValues.toLongs(y);
        for (int i = 0; i < n; i++) {
            long p = a[ix[i]];
            long q = b[iy[i]];
            r[i] = test(op, Long.compare(p, q), false, p != 0, q != 0) ? 1 : 0;
        }
        return r;
    }

    /** {@code cmp} orders the operands (-0.0 equals 0.0); a NaN operand compares false except for not-equal. */
    private static boolean test(Op op, int cmp, boolean nan, boolean aTrue, boolean bTrue) {
        switch (op) {
            case EQUAL: return !nan && cmp == 0;
            case NOT_EQUAL: return nan || cmp != 0;
            case LESS: return !nan && cmp < 0;
            case LESS_EQUAL: return !nan && cmp <= 0;
            case GREATER: return !nan && cmp > 0;
            case GREATER_EQUAL: return !nan && cmp >= 0;
            case AND: return aTrue && bTrue;
            case OR: return aTrue || bTrue;
            default: return aTrue != bTrue;
        }
    }

    private static double applyDouble(Op op, double a, double b) {
        switch (op) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case DIV: return a / b;
            case POW: return Math.pow(a, b);
            case MAX: return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
            default: return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
        }
    }

    private static Long applyLong(Op op, long a, long b) {
        switch (op) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case DIV: return b == 0 ? null : a / b;
            case MAX: return Math.max(a, b);
            case MIN: return Math.min(a, b);
            default: return null;
        }
    }

    /** For each flat output index, the flat index into an operand broadcast to the output shape. */
    private static int[] index(long[] in, long[] out, int n) {
        int r = out.length;
        int off = r - in.length;
        long[] strides = new long[r];
        long acc = 1;
        for (int i = in.length - 1; i >= 0; i--) {
            strides[i + off] = in[i] == 1 ? 0 : acc;
            acc *= in[i];
        }
        int[] res = new int[n];
        long[] idx = new long[r];
        for (int k = 0; k < n; k++) {
            long o = 0;
            for (int i = 0; i < r; i++) o += idx[i] * strides[i];
            res[k] = (int) o;
            for (int i = r - 1; i >= 0; i--) {
                if (++idx[i] < out[i]) break;
                idx[i] = 0;
            }
        }
        return res;
    }
}
