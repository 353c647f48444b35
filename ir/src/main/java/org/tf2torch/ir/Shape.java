package org.tf2torch.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A tensor shape: a list of {@link Dim}s, or an unknown rank. Immutable. */
public final class Shape {
    private static final Shape UNKNOWN_RANK = new Shape(null);
    private final List<Dim> dims;

    private Shape(List<Dim> dims) {
        this.dims = dims == null ? null : Collections.unmodifiableList(new ArrayList<>(dims));
    }

    public static Shape of(long... sizes) {
        List<Dim> d = new ArrayList<>(sizes.length);
        for (long s : sizes) d.add(s < 0 ? Dim.unknown() : Dim.of(s));
        return new Shape(d);
    }

    public static Shape of(List<Dim> dims) { return new Shape(dims); }

    public static Shape scalar() { return new Shape(List.of()); }

    public static Shape unknownRank() { return UNKNOWN_RANK; }

    public boolean hasRank() { return dims != null; }

    public int rank() {
        if (dims == null) throw new IllegalStateException("shape has unknown rank");
        return dims.size();
    }

    public Dim dim(int i) { return dims().get(i < 0 ? i + rank() : i); }

    public List<Dim> dims() {
        if (dims == null) throw new IllegalStateException("shape has unknown rank");
        return dims;
    }

    public boolean isStatic() {
        if (dims == null) return false;
        for (Dim d : dims) if (!d.isStatic()) return false;
        return true;
    }

    /** Static sizes; throws when any dimension is not static. */
    public long[] sizes() {
        long[] s = new long[rank()];
        for (int i = 0; i < s.length; i++) s[i] = dims.get(i).size();
        return s;
    }

    /** Element count of a static shape. */
    public long numElements() {
        long n = 1;
        for (long s : sizes()) n = Math.multiplyExact(n, s);
        return n;
    }

    public Shape withDim(int i, Dim d) {
        List<Dim> copy = new ArrayList<>(dims());
        copy.set(i, d);
        return new Shape(copy);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Shape)) return false;
        Shape s = (Shape) o;
        return dims == null ? s.dims == null : dims.equals(s.dims);
    }

    @Override
    public int hashCode() { return dims == null ? 7 : dims.hashCode(); }

    /** {@code [batch,28,28,1]}; {@code [*]} for unknown rank; {@code []} for a scalar. */
    @Override
    public String toString() {
        if (dims == null) return "[*]";
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(dims.get(i));
        }
        return sb.append(']').toString();
    }

    public static Shape parse(String text) {
        String t = text.trim();
        if (!t.startsWith("[") || !t.endsWith("]")) throw new IllegalArgumentException("bad shape " + text);
        String body = t.substring(1, t.length() - 1).trim();
        if (body.equals("*")) return UNKNOWN_RANK;
        if (body.isEmpty()) return scalar();
        List<Dim> d = new ArrayList<>();
        for (String p : Arrays.asList(body.split(","))) {
            p = p.trim();
            if (p.equals("?")) d.add(Dim.unknown());
            else if (Character.isDigit(p.charAt(0))) d.add(Dim.of(Long.parseLong(p)));
            else d.add(Dim.symbol(p));
        }
        return new Shape(d);
    }
}
