package org.tf2torch.importers.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Decodes a DT_STRING tensor as a bundle stores it: one varint64 length per element, a 4-byte masked CRC32C
 * of those lengths, then the element bytes back to back. The entry's own checksum is not over these bytes as
 * stored: TensorFlow feeds it each length as a 4-byte little-endian integer (8 bytes if it exceeds 32 bits),
 * then the stored length checksum, then the element bytes, so it has to be recomputed while decoding.
 */
final class StringTensors {
    /** The elements, and the masked checksum TensorFlow would have stored in the entry for them. */
    record Decoded(List<byte[]> values, int entryMaskedCrc) {}

    private StringTensors() {}

    static Decoded decode(byte[] data, long numElements) throws BundleFormatException {
        if (numElements > data.length) {
            throw new BundleFormatException(numElements + " strings cannot fit in " + data.length + " bytes");
        }
        ByteCursor c = new ByteCursor(data);
        CRC32C crc = new CRC32C();
        long[] lengths = new long[(int) numElements];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = c.varint64();
            if (lengths[i] < 0 || lengths[i] > data.length) {
                throw new BundleFormatException("string " + i + " claims " + lengths[i] + " bytes");
            }
            int width = lengths[i] <= 0xffffffffL ? 4 : 8;
            for (int b = 0; b < width; b++) crc.update((int) (lengths[i] >>> (8 * b)) & 0xff);
        }
        int lengthsEnd = c.position();
        int storedLengthCrc = (int) c.uintLE(4);
        if (Crc32c.mask((int) crc.getValue()) != storedLengthCrc) {
            throw new BundleFormatException("the checksum of its string lengths does not match");
        }
        crc.update(data, lengthsEnd, 4);
        List<byte[]> values = new ArrayList<>(lengths.length);
        for (long n : lengths) {
            int start = c.position();
            values.add(c.bytes((int) n));
            crc.update(data, start, (int) n);
        }
        if (c.hasRemaining()) {
            throw new BundleFormatException(c.remaining() + " bytes follow the last string");
        }
        return new Decoded(values, Crc32c.mask((int) crc.getValue()));
    }
}
