package org.tf2torch.importers.bundle;

import java.util.zip.CRC32C;

/**
 * TensorFlow stores CRC32C values "masked" (rotated and offset), so that a checksum of data that itself holds
 * checksums does not degenerate; every stored checksum in a bundle goes through this mask.
 */
final class Crc32c {
    private static final int MASK_DELTA = 0xa282ead8;

    private Crc32c() {}

    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    static int maskedOf(byte[] data, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(data, off, len);
        return mask((int) crc.getValue());
    }
}
