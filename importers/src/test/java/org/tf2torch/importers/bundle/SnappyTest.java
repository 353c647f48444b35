package org.tf2torch.importers.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Hand-built Snappy streams: each element kind, overlapping copies, and the faults a corrupt file can hold. */
class SnappyTest {

    private static byte[] ascii(String s) { return s.getBytes(StandardCharsets.US_ASCII); }

    private static byte[] decode(byte[] stream) throws BundleFormatException {
        return Snappy.decompress(stream, 0, stream.length);
    }

    /** Builds a stream from pieces: ints are single bytes, byte arrays are appended as they are. */
    private static byte[] stream(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer) out.write((Integer) p);
            else out.writeBytes((byte[]) p);
        }
        return out.toByteArray();
    }

    @Test
    void literalThenOneByteOffsetCopy() throws Exception {
        // "abcdabcdabcd": literal "abcd" (tag (4-1)<<2), then copy length 8 offset 4 (tag 1 | (8-4)<<2).
        byte[] s = stream(12, (3 << 2), ascii("abcd"), 1 | (4 << 2), 4);
        assertArrayEquals(ascii("abcdabcdabcd"), decode(s));
    }

    @Test
    void overlappingCopyRepeatsARun() throws Exception {
        // One literal 'x', then copy 10 bytes from 1 back: the copy reads what it has just written.
        byte[] s = stream(11, 0, ascii("x"), 1 | (6 << 2), 1);
        assertArrayEquals(ascii("xxxxxxxxxxx"), decode(s));
    }

    @Test
    void twoAndFourByteOffsetCopies() throws Exception {
        // literal "hello world" (11 bytes), copy 5 bytes from 11 back (2-byte offset: tag 2 | (5-1)<<2),
        // then copy 3 bytes from 6 back (4-byte offset: tag 3 | (3-1)<<2).
        byte[] s = stream(19, 10 << 2, ascii("hello world"), 2 | (4 << 2), 11, 0, 3 | (2 << 2), 6, 0, 0, 0);
        assertArrayEquals(ascii("hello worldhellodhe"), decode(s));
    }

    @Test
    void longLiteralsUseExtraLengthBytes() throws Exception {
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7);
        // 300 bytes: varint 0xac 0x02; tag 61<<2 means the length-1 follows in 2 bytes (299 = 0x012b).
        byte[] s = stream(0xac, 0x02, 61 << 2, 0x2b, 0x01, data);
        assertArrayEquals(data, decode(s));
        // 100 bytes with a one-byte length (tag 60<<2).
        byte[] hundred = trim(data, 100);
        assertArrayEquals(hundred, decode(stream(100, 60 << 2, 99, hundred)));
    }

    @Test
    void decodesAtAnOffsetInsideALargerArray() throws Exception {
        byte[] s = stream(0x55, 0x55, 3, 2 << 2, ascii("abc"), 0x55);
        assertArrayEquals(ascii("abc"), Snappy.decompress(s, 2, 5));
    }

    @Test
    void emptyInputDecodesToNothing() throws Exception {
        assertArrayEquals(new byte[0], decode(stream(0)));
    }

    @Test
    void rejectsCopyBeforeStartOfOutput() {
        BundleFormatException e = assertThrows(BundleFormatException.class,
                () -> decode(stream(8, 0, ascii("a"), 1 | (3 << 2), 2)));
        assertTrue(e.getMessage().contains("refers 2 bytes back"), e.getMessage());
    }

    @Test
    void rejectsZeroOffset() {
        assertThrows(BundleFormatException.class, () -> decode(stream(5, 0, ascii("a"), 1, 0)));
    }

    @Test
    void rejectsOutputLongerOrShorterThanDeclared() {
        BundleFormatException longer = assertThrows(BundleFormatException.class,
                () -> decode(stream(2, 2 << 2, ascii("abc"))));
        assertTrue(longer.getMessage().contains("overruns"), longer.getMessage());
        BundleFormatException shorter = assertThrows(BundleFormatException.class,
                () -> decode(stream(4, 2 << 2, ascii("abc"))));
        assertTrue(shorter.getMessage().contains("holds 3"), shorter.getMessage());
    }

    @Test
    void rejectsLiteralPastEndOfInput() {
        assertThrows(BundleFormatException.class, () -> decode(stream(5, 4 << 2, ascii("ab"))));
    }

    @Test
    void rejectsImplausibleDeclaredLength() {
        // 2^31-ish bytes from a 6-byte stream: refused before allocating.
        BundleFormatException e = assertThrows(BundleFormatException.class,
                () -> decode(stream(0xff, 0xff, 0xff, 0xff, 0x07, 0)));
        assertTrue(e.getMessage().contains("declares"), e.getMessage());
    }

    @Test
    void rejectsTruncatedCopyOffset() {
        assertThrows(BundleFormatException.class, () -> decode(stream(6, 0, ascii("a"), 2 | (4 << 2), 1)));
    }

    private static byte[] trim(byte[] b, int n) {
        return java.util.Arrays.copyOf(b, n);
    }
}
