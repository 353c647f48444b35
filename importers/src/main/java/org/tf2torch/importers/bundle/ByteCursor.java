package org.tf2torch.importers.bundle;

import java.util.Arrays;

/**
 * Reads little-endian integers and varints from a bounded region of a byte array. Every read checks the bound,
 * because index files come from users and a corrupt length must become a message, not an
 * ArrayIndexOutOfBoundsException.
 */
final class ByteCursor {
    private final byte[] buf;
    private final int end;
    private int pos;

    ByteCursor(byte[] buf, int start, int end) {
        if (start < 0 || end > buf.length || start > end) {
            throw new IllegalArgumentException("bad range " + start + ".." + end + " of " + buf.length);
        }
        this.buf = buf;
        this.pos = start;
        this.end = end;
    }

    ByteCursor(byte[] buf) {
        this(buf, 0, buf.length);
    }

    int position() { return pos; }

    int remaining() { return end - pos; }

    boolean hasRemaining() { return pos < end; }

    int u8() throws BundleFormatException {
        need(1, "a byte");
        return buf[pos++] & 0xff;
    }

    /** Unsigned little-endian integer of {@code n} (1..4) bytes, as Snappy and the block trailer store them. */
    long uintLE(int n) throws BundleFormatException {
        need(n, n + "-byte integer");
        long v = 0;
        for (int i = 0; i < n; i++) v |= (long) (buf[pos + i] & 0xff) << (8 * i);
        pos += n;
        return v;
    }

    long varint64() throws BundleFormatException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8Or("a varint runs past the end of its block");
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new BundleFormatException("a varint is longer than 10 bytes");
    }

    /** A varint that must fit an int, because it sizes or indexes something in memory. */
    int varint32() throws BundleFormatException {
        long v = varint64();
        if (v < 0 || v > Integer.MAX_VALUE) throw new BundleFormatException("a length of " + v + " is out of range");
        return (int) v;
    }

    byte[] bytes(int n) throws BundleFormatException {
        need(n, n + " bytes");
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    void skip(int n) throws BundleFormatException {
        need(n, n + " bytes");
        pos += n;
    }

    private int u8Or(String message) throws BundleFormatException {
        if (pos >= end) throw new BundleFormatException(message);
        return buf[pos++] & 0xff;
    }

    private void need(int n, String what) throws BundleFormatException {
        if (n < 0 || n > end - pos) {
            throw new BundleFormatException("needs " + what + " at byte " + pos + " but only " + (end - pos) + " remain");
        }
    }
}
