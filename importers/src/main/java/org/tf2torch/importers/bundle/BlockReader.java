package org.tf2torch.importers.bundle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the entries of one table block (already decompressed). Keys are prefix-compressed against the
 * previous key; the restart array at the end exists for binary search, which we do not need because a
 * bundle index is read once, front to back, so it is only checked for plausibility to find where entries end.
 */
final class BlockReader {
    /** One key/value pair of a block, both as raw bytes. */
    record Entry(byte[] key, byte[] value) {}

    private BlockReader() {}

    static List<Entry> entries(byte[] block) throws BundleFormatException {
        if (block.length < 4) {
            throw new BundleFormatException("a block of " + block.length + " bytes is too short for its restart count");
        }
        ByteCursor tail = new ByteCursor(block, block.length - 4, block.length);
        long numRestarts = tail.uintLE(4);
        long restartBytes = 4 * numRestarts + 4;
        if (numRestarts == 0 || restartBytes > block.length) {
            throw new BundleFormatException("a block of " + block.length + " bytes claims " + numRestarts + " restart points");
        }
        int entriesEnd = (int) (block.length - restartBytes);
        ByteCursor c = new ByteCursor(block, 0, entriesEnd);
        List<Entry> out = new ArrayList<>();
        byte[] previous = new byte[0];
        while (c.hasRemaining()) {
            int shared = c.varint32();
            int nonShared = c.varint32();
            int valueLength = c.varint32();
            if (shared > previous.length) {
                throw new BundleFormatException("entry " + out.size() + " shares " + shared
                        + " key bytes with a previous key of " + previous.length);
            }
            byte[] key = Arrays.copyOf(previous, shared + nonShared);
            byte[] delta = c.bytes(nonShared);
            System.arraycopy(delta, 0, key, shared, nonShared);
            byte[] value = c.bytes(valueLength);
            out.add(new Entry(key, value));
            previous = key;
        }
        return out;
    }
}
