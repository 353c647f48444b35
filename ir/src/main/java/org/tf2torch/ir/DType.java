package org.tf2torch.ir;

import java.util.Locale;

/** Element types the IR carries; names follow the short forms used in the text IR. */
public enum DType {
    BOOL("bool", 1, "torch.bool", "|b1", "BOOL"),
    U8("u8", 1, "torch.uint8", "|u1", "U8"),
    I8("i8", 1, "torch.int8", "|i1", "I8"),
    I16("i16", 2, "torch.int16", "<i2", "I16"),
    I32("i32", 4, "torch.int32", "<i4", "I32"),
    I64("i64", 8, "torch.int64", "<i8", "I64"),
    F16("f16", 2, "torch.float16", "<f2", "F16"),
    BF16("bf16", 2, "torch.bfloat16", null, "BF16"),
    F32("f32", 4, "torch.float32", "<f4", "F32"),
    F64("f64", 8, "torch.float64", "<f8", "F64");

    private final String irName;
    private final int byteSize;
    private final String torchName;
    private final String numpyDescr;
    private final String safetensorsName;

    DType(String irName, int byteSize, String torchName, String numpyDescr, String safetensorsName) {
        this.irName = irName;
        this.byteSize = byteSize;
        this.torchName = torchName;
        this.numpyDescr = numpyDescr;
        this.safetensorsName = safetensorsName;
    }

    public String irName() { return irName; }
    public int byteSize() { return byteSize; }
    /** e.g. {@code torch.float32}. */
    public String torchName() { return torchName; }
    /** NumPy array-protocol descriptor, e.g. {@code <f4}; null for bfloat16, which NumPy lacks. */
    public String numpyDescr() { return numpyDescr; }
    public String safetensorsName() { return safetensorsName; }

    public boolean isFloating() { return this == F16 || this == BF16 || this == F32 || this == F64; }
    public boolean isInteger() { return this == U8 || this == I8 || this == I16 || this == I32 || this == I64; }

    public static DType fromIrName(String name) {
        for (DType t : values()) {
            if (t.irName.equals(name)) return t;
        }
        throw new IllegalArgumentException("unknown dtype '" + name + "'");
    }

    /** Accepts NumPy names too ({@code float32}, {@code int64}, {@code bool}). */
    public static DType fromNumpyName(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "bool": return BOOL;
            case "uint8": return U8;
            case "int8": return I8;
            case "int16": return I16;
            case "int32": return I32;
            case "int64": return I64;
            case "float16": case "half": return F16;
            case "bfloat16": return BF16;
            case "float32": case "float": return F32;
            case "float64": case "double": return F64;
            default: return fromIrName(name);
        }
    }

    public String numpyName() {
        switch (this) {
            case BOOL: return "bool";
            case U8: return "uint8";
            case I8: return "int8";
            case I16: return "int16";
            case I32: return "int32";
            case I64: return "int64";
            case F16: return "float16";
            case BF16: return "bfloat16";
            case F32: return "float32";
            default: return "float64";
        }
    }

    @Override
    public String toString() { return irName; }
}
