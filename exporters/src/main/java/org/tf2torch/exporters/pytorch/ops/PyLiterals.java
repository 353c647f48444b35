package org.tf2torch.exporters.pytorch.ops;

import java.util.ArrayList;
import java.util.List;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;

/**
 * Number, list and tensor literals valid in both dialects. Floats are written so that the value the IR holds
 * is the value torch computes with: torch rounds a Python float to the tensor's dtype, so a float32 value is
 * written as the shortest decimal that rounds back to exactly that float32 (readable {@code 0.1} rather than
 * {@code 0.10000000149011612}), a float64 value in full.
 */
public final class PyLiterals {
    private PyLiterals() {}

    public static String integer(long v) {
        // -9223372036854775808 is unary minus on a literal that overflows int64 in TorchScript.
        return v == Long.MIN_VALUE ? "(-9223372036854775807 - 1)" : Long.toString(v);
    }

    public static String ints(long[] v) { return "[" + joinInts(v) + "]"; }

    public static String ints(int[] v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) l[i] = v[i];
        return ints(l);
    }

    static String joinInts(long[] v) {
        List<String> s = new ArrayList<>(v.length);
        for (long x : v) s.add(integer(x));
        return String.join(", ", s);
    }

    public static String bool(boolean b) { return b ? "True" : "False"; }

    /** A float literal for a value used with tensors of dtype {@code context}. */
    public static String floating(double v, DType context) {
        if (Double.isNaN(v)) return "float(\"nan\")";
        if (Double.isInfinite(v)) return v > 0 ? "float(\"inf\")" : "float(\"-inf\")";
        String s;
        if (context == DType.F64 || !context.isFloating()) {
            s = Double.toString(v);
        } else {
            float f = (float) v;
            s = Float.toString(f);
            // Java's float string is the shortest that reads back as a float; Python reads a double first,
            // and TorchScript refuses a double beyond the float range (3.4028235e38 is just above FLT_MAX).
            double read = Double.parseDouble(s);
            if ((float) read != f || Math.abs(read) > Float.MAX_VALUE) s = Double.toString(f);
        }
        return s.replace('E', 'e');
    }

    /** A Python scalar equal to the single element of {@code t} (int, float or bool). */
    public static String scalar(Tensor t) {
        if (t.dtype() == DType.BOOL) return bool(TensorValues.toLongs(t)[0] != 0);
        if (t.dtype().isFloating()) return floating(TensorValues.toDoubles(t)[0], t.dtype());
        return integer(TensorValues.toLongs(t)[0]);
    }

    /** The flat element list of {@code t} as a Python list literal. */
    public static String elements(Tensor t) {
        List<String> out = new ArrayList<>();
        if (t.dtype() == DType.BOOL) {
            for (long l : TensorValues.toLongs(t)) out.add(bool(l != 0));
        } else if (t.dtype().isFloating()) {
            for (double d : TensorValues.toDoubles(t)) out.add(floating(d, t.dtype()));
        } else {
            for (long l : TensorValues.toLongs(t)) out.add(integer(l));
        }
        return "[" + String.join(", ", out) + "]";
    }

    /**
     * {@code torch.tensor(...)} holding {@code t}: a scalar for rank 0, a flat list reshaped for rank above 1
     * (one flat list reads better than nested brackets and needs no nested-list typing in TorchScript).
     */
    public static String tensor(Tensor t, Dialect d) {
        long[] shape = t.shape().sizes();
        if (t.numElements() == 0) {
            // TorchScript types an empty list literal as List[Tensor]; zeros() states the shape instead.
            return "torch.zeros(" + ints(shape) + ", dtype=" + d.dtype(t.dtype()) + ")";
        }
        String body = shape.length == 0 ? scalar(t) : elements(t);
        String lit = "torch.tensor(" + body + ", dtype=" + d.dtype(t.dtype()) + ")";
        if (shape.length <= 1) return lit;
        return d.methodWithList(lit, "reshape", shape);
    }

}
