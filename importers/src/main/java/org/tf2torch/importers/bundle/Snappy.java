package org.tf2torch.importers.bundle;

/**
 * Decompresses one Snappy block (the raw format, not the framed stream), which is how TensorFlow's table
 * writer compresses index blocks when it was built with Snappy. Written here from the public format
 * description so the importer needs no native library and no extra dependency.
 *
 * <p>A block is a varint with the uncompressed length, then elements whose tag byte's low two bits say what
 * follows: a literal run, or a copy of earlier output given by a length and a backwards offset.
 */
final class Snappy {
    private static final int LITERAL = 0;
    private static final int COPY_1 = 1;
    private static final int COPY_2 = 2;

    /**
     * The best a Snappy element can do is 64 output bytes from a 3-byte copy; a declared length far beyond
     * that ratio is corruption, and refusing it keeps a bad header from allocating gigabytes.
     */
    private static final int MAX_EXPANSION = 32;

    private Snappy() {}

    static byte[] decompress(byte[] in, int off, int len) throws BundleFormatException {
        ByteCursor c = new ByteCursor(in, off, off + len);
        long declared = c.varint64();
        if (declared < 0 || declared > (long) MAX_EXPANSION * len + 64 || declared > Integer.MAX_VALUE - 8) {
            throw new BundleFormatException("Snappy block declares " + declared + " bytes from " + len + " compressed bytes");
        }
        byte[] out = new byte[(int) declared];
        int o = 0;
        while (c.hasRemaining()) {
            int tag = c.u8();
            int kind = tag & 3;
            if (kind == LITERAL) {
                int n = literalLength(tag, c);
                if (n > out.length - o) throw overrun(o, n, out.length);
                if (n > c.remaining()) {
                    throw new BundleFormatException("Snappy literal of " + n + " bytes runs past the compressed input");
                }
                System.arraycopy(in, c.position(), out, o, n);
                c.skip(n);
                o += n;
                continue;
            }
            int length;
            long offset;
            if (kind == COPY_1) {
                length = 4 + ((tag >>> 2) & 7);
                offset = ((long) (tag >>> 5) << 8) | c.u8();
            } else if (kind == COPY_2) {
                length = 1 + (tag >>> 2);
                offset = c.uintLE(2);
            } else {
                length = 1 + (tag >>> 2);
                offset = c.uintLE(4);
            }
            if (offset == 0 || offset > o) {
                throw new BundleFormatException("Snappy copy refers " + offset + " bytes back but only " + o + " were written");
            }
            if (length > out.length - o) throw overrun(o, length, out.length);
            // Byte by byte on purpose: when offset < length the copy reads bytes it has just written, which is
            // how Snappy encodes runs; System.arraycopy would not repeat the pattern.
            int from = o - (int) offset;
            for (int i = 0; i < length; i++) out[o + i] = out[from + i];
            o += length;
        }
        if (o != out.length) {
            throw new BundleFormatException("Snappy block declares " + out.length + " bytes but holds " + o);
        }
        return out;
    }

    private static int literalLength(int tag, ByteCursor c) throws BundleFormatException {
        int small = tag >>> 2;
        if (small < 60) return small + 1;
        // 60..63: the length minus one follows in 1..4 little-endian bytes.
        long n = c.uintLE(small - 59) + 1;
        if (n > Integer.MAX_VALUE) throw new BundleFormatException("Snappy literal length " + n + " is out of range");
        return (int) n;
    }

    private static BundleFormatException overrun(int at, int n, int total) {
        return new BundleFormatException("Snappy element of " + n + " bytes at output byte " + at
                + " overruns the declared " + total + " bytes");
    }
}
