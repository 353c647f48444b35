package org.tf2torch.exporters.pytorch.ops;

import java.util.ArrayList;
import java.util.List;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Shape;

/**
 * Max and min over no elements. TF returns the reduction's identity (-inf / +inf for floats, the dtype's lowest /
 * highest for integers) where torch.amax/amin raise. A reduced dim that is statically 0 gives the identity
 * directly; one whose size is only known at run time gets a conditional on the element count.
 */
final class EmptyReductions {
    private EmptyReductions() {}

    /**
     * {@code reduced} (the torch.amax/amin call over {@code dims}, normalized and non-negative; null for all dims of
     * an unknown rank) made safe for empty inputs; unchanged when every reduced dim is known to be non-empty.
     */
    static String guard(EmitContext ctx, long[] dims, String reduced, boolean max) {
        Shape s = ctx.operandType(0).shape();
        if (dims == null || !s.hasRank()) return reduced;
        boolean mayBeEmpty = false;
        boolean empty = false;
        for (long a : dims) {
            Dim d = s.dim((int) a);
            if (!d.isStatic()) mayBeEmpty = true;
            else if (d.size() == 0) empty = true;
        }
        if (!empty && !mayBeEmpty) return reduced;
        String full = full(ctx, dims, max);
        if (empty) return full;
        Dialect d = ctx.dialect();
        return "(" + reduced + " if " + d.method(ctx.operand(0), "numel") + " > 0 else " + full + ")";
    }

    /** torch.full of the result's shape, which follows the input's dims at run time, with the identity. */
    private static String full(EmitContext ctx, long[] dims, boolean max) {
        Dialect d = ctx.dialect();
        String x = ctx.operand(0);
        Shape s = ctx.operandType(0).shape();
        boolean keep = ctx.node().attrs().b("keepdims");
        List<String> sizes = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            boolean reducedDim = false;
            for (long a : dims) reducedDim |= a == i;
            if (reducedDim) {
                if (keep) sizes.add("1");
            } else {
                Dim dim = s.dim(i);
                sizes.add(dim.isStatic() ? PyLiterals.integer(dim.size()) : d.method(x, "size", Integer.toString(i)));
            }
        }
        DType t = ctx.resultType().dtype();
        return d.call("torch.full").arg("[" + String.join(", ", sizes) + "]").arg(identity(t, max))
                .kwOnly("dtype", d.dtype(t)).kwOnly("device", x + ".device").render();
    }

    /** The value of a max (min) over nothing in TF: the lowest (highest) value of the dtype, infinite for floats. */
    static String identity(DType t, boolean max) {
        if (t.isFloating()) return max ? "float(\"-inf\")" : "float(\"inf\")";
        switch (t) {
            case U8: return max ? "0" : "255";
            case I8: return max ? "-128" : "127";
            case I16: return max ? "-32768" : "32767";
            case I32: return max ? "-2147483648" : "2147483647";
            case I64: return PyLiterals.integer(max ? Long.MIN_VALUE : Long.MAX_VALUE);
            default: throw new UnsupportedOperationException("max/min over " + t + " values");
        }
    }
}
