package org.tf2torch.importers.random;

/**
 * Philox4x32-10 (Salmon et al., SC 2011), with the state layout of TensorFlow's {@code PhiloxRandom}: a 128-bit
 * counter of four words (word 0 lowest) and a 64-bit key of two words. Every call returns one 128-bit block and
 * advances the counter by one, so a stream is reproduced block for block. Words are Java ints holding uint32 bits.
 */
public final class Philox4x32 {
    private static final int W32A = 0x9E3779B9;
    private static final int W32B = 0xBB67AE85;
    private static final int M4x32A = 0xD2511F53;
    private static final int M4x32B = 0xCD9E8D57;
    private static final int ROUNDS = 10;

    private final int[] counter;
    private final int[] key;

    /** TF's seeding: the op's {@code seed} is the key, its {@code seed2} the counter's upper 64 bits. */
    public Philox4x32(long seed, long seed2) {
        this(new int[] {0, 0, (int) seed2, (int) (seed2 >>> 32)}, new int[] {(int) seed, (int) (seed >>> 32)});
    }

    public Philox4x32(int[] counter, int[] key) {
        if (counter.length != 4 || key.length != 2) throw new IllegalArgumentException("counter has 4 words, key 2");
        this.counter = counter.clone();
        this.key = key.clone();
    }

    /** An independent generator at the same position (TF copies the generator by value the same way). */
    public Philox4x32 copy() { return new Philox4x32(counter, key); }

    public int[] counter() { return counter.clone(); }

    /** Moves the 128-bit counter forward by {@code count} blocks, {@code count} read as unsigned. */
    public void skip(long count) {
        int lo = (int) count;
        int hi = (int) (count >>> 32);
        counter[0] += lo;
        if (Integer.compareUnsigned(counter[0], lo) < 0) hi++;
        counter[1] += hi;
        // Same carry rule as TF (word 1 wrapped below the amount added), so long skips land on TF's counter.
        if (Integer.compareUnsigned(counter[1], hi) < 0 && ++counter[2] == 0) counter[3]++;
    }

    /** The next block of four uint32 words. */
    public int[] next() {
        int[] out = block(counter, key);
        if (++counter[0] == 0 && ++counter[1] == 0 && ++counter[2] == 0) counter[3]++;
        return out;
    }

    /** The keyed bijection itself: ten rounds over {@code ctr}, the key bumped between rounds. */
    public static int[] block(int[] ctr, int[] k) {
        int c0 = ctr[0], c1 = ctr[1], c2 = ctr[2], c3 = ctr[3];
        int k0 = k[0], k1 = k[1];
        for (int r = 0; r < ROUNDS; r++) {
            if (r > 0) {
                k0 += W32A;
                k1 += W32B;
            }
            long p0 = (M4x32A & 0xffffffffL) * (c0 & 0xffffffffL);
            long p1 = (M4x32B & 0xffffffffL) * (c2 & 0xffffffffL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c0 = n0;
            c1 = (int) p1;
            c2 = n2;
            c3 = (int) p0;
        }
        return new int[] {c0, c1, c2, c3};
    }
}
