package org.tf2torch.exporters.pytorch.ops;

import org.tf2torch.ir.DType;

/**
 * The two Python dialects the exporter writes. Both run the same emitters; this enum holds the few places
 * where they spell things differently. {@link #EAGER} is model.py: idiomatic PyTorch ({@code F.relu},
 * operators, methods, keyword arguments) that {@code torch.jit.script} also compiles. {@link #SCRIPT} is the
 * class code inside the TorchScript archive, in the form TorchScript itself serializes: the compiler resolves
 * {@code torch.<op>} to the aten builtin of that name, arguments go by position, and dtypes are
 * {@code ScalarType} numbers because {@code torch.float32} is not a name there.
 */
public enum Dialect {
    EAGER, SCRIPT;

    /** A {@code torch.nn.functional} function: {@code F.avg_pool2d} in model.py, the aten op in the archive. */
    public String nn(String fn) { return (this == EAGER ? "F." : "torch.") + fn; }

    /** Type annotation of a tensor argument. */
    public String tensorType() { return this == EAGER ? "torch.Tensor" : "Tensor"; }

    public String dtype(DType d) { return this == EAGER ? d.torchName() : Integer.toString(scalarType(d)); }

    /** An arithmetic operator in model.py, its aten function in the archive; operands must be atoms. */
    public String binary(String operator, String atenFn, String a, String b) {
        return this == EAGER ? a + " " + operator + " " + b : "torch." + atenFn + "(" + a + ", " + b + ")";
    }

    /**
     * A Tensor method: {@code x.reshape(2, 3)} in model.py (varargs when the op takes one int list),
     * {@code torch.reshape(x, [2, 3])} in the archive.
     */
    public String methodWithList(String receiver, String name, long[] list) {
        if (this == SCRIPT) return "torch." + name + "(" + receiver + ", " + PyLiterals.ints(list) + ")";
        return receiver + "." + name + "(" + (list.length > 0 ? PyLiterals.joinInts(list) : "[]") + ")";
    }

    /** A Tensor method with plain arguments: {@code x.squeeze(1)} / {@code torch.squeeze(x, 1)}. */
    public String method(String receiver, String name, String... args) {
        String rest = String.join(", ", args);
        if (this == EAGER) return receiver + "." + name + "(" + rest + ")";
        return "torch." + name + "(" + receiver + (rest.isEmpty() ? "" : ", " + rest) + ")";
    }

    public Call call(String fn) { return new Call(this, fn); }

    /** c10::ScalarType codes, which the archive's dtype arguments are. */
    static int scalarType(DType d) {
        switch (d) {
            case U8: return 0;
            case I8: return 1;
            case I16: return 2;
            case I32: return 3;
            case I64: return 4;
            case F16: return 5;
            case F32: return 6;
            case F64: return 7;
            case BOOL: return 11;
            case BF16: return 15;
            default: throw new IllegalArgumentException("no ScalarType for " + d);
        }
    }
}
