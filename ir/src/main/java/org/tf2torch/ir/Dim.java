package org.tf2torch.ir;

import java.util.Objects;

/** One dimension of a shape: a static size, a named symbol ({@code batch}) or unknown. */
public final class Dim {
    private static final Dim UNKNOWN = new Dim(-1, null);
    private final long size;
    private final String symbol;

    private Dim(long size, String symbol) {
        this.size = size;
        this.symbol = symbol;
    }

    public static Dim of(long size) {
        if (size < 0) throw new IllegalArgumentException("negative dimension " + size);
        return new Dim(size, null);
    }

    public static Dim symbol(String name) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("bad dimension symbol '" + name + "'");
        }
        return new Dim(-1, name);
    }

    public static Dim unknown() { return UNKNOWN; }

    public boolean isStatic() { return size >= 0; }
    public boolean isSymbolic() { return symbol != null; }
    public boolean isUnknown() { return size < 0 && symbol == null; }

    /** The static size; throws when the dimension is not static. */
    public long size() {
        if (size < 0) throw new IllegalStateException("dimension " + this + " is not static");
        return size;
    }

    public String symbolName() { return symbol; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Dim)) return false;
        Dim d = (Dim) o;
        return size == d.size && Objects.equals(symbol, d.symbol);
    }

    @Override
    public int hashCode() { return Objects.hash(size, symbol); }

    @Override
    public String toString() {
        if (size >= 0) return Long.toString(size);
        return symbol != null ? symbol : "?";
    }
}
