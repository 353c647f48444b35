package org.tf2torch.validation.inputs;

import org.tf2torch.ir.DType;

/**
 * Values for integer inputs, {@code [low, high)}. Integer inputs are mostly token ids or indices, which a model only
 * accepts below its vocabulary size, so they get a small range by default rather than the type's full range.
 */
public record IntRange(long low, long high) {
    /** Small enough for any embedding or one-hot depth a test model has. */
    public static final IntRange DEFAULT = new IntRange(0, 10);

    public IntRange {
        if (high <= low) throw new InputException("empty integer range [" + low + ", " + high + ")");
    }

    /** {@code 0:1000} means {@code [0, 1000)}. */
    public static IntRange parse(String text) {
        String t = text.trim();
        int colon = t.indexOf(':', 1); // from 1 so that a leading minus sign is not taken for the separator
        if (colon < 0) throw new InputException("integer range '" + text + "' is not LOW:HIGH, e.g. 0:1000");
        try {
            return new IntRange(Long.parseLong(t.substring(0, colon).trim()),
                    Long.parseLong(t.substring(colon + 1).trim()));
        } catch (NumberFormatException e) {
            throw new InputException("integer range '" + text + "' is not LOW:HIGH, e.g. 0:1000");
        }
    }

    /** This range narrowed to what {@code type} holds, so a u8 input never wraps around. */
    public IntRange clampTo(DType type) {
        long lo = low;
        long hi = high;
        switch (type) {
            case U8: lo = Math.max(lo, 0); hi = Math.min(hi, 256); break;
            case I8: lo = Math.max(lo, Byte.MIN_VALUE); hi = Math.min(hi, Byte.MAX_VALUE + 1L); break;
            case I16: lo = Math.max(lo, Short.MIN_VALUE); hi = Math.min(hi, Short.MAX_VALUE + 1L); break;
            case I32: lo = Math.max(lo, Integer.MIN_VALUE); hi = Math.min(hi, Integer.MAX_VALUE + 1L); break;
            default: break;
        }
        if (hi <= lo) {
            throw new InputException("integer range " + this + " holds no " + type.numpyName() + " value");
        }
        return new IntRange(lo, hi);
    }

    @Override
    public String toString() { return "[" + low + ", " + high + ")"; }
}
