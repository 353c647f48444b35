package org.tf2torch.importers.random;

/**
 * One uint32 at a time from a Philox stream, as TF's {@code SingleSampleAdapter}: a block is drawn when the last
 * one is used up, and its words are handed out in order. Samplers that reject draws (gamma, truncated normal)
 * and TF's {@code SimplePhilox} read through this.
 */
public final class PhiloxSingle {
    private final Philox4x32 gen;
    private int[] block;
    private int used = 4;

    public PhiloxSingle(Philox4x32 gen) { this.gen = gen; }

    public int nextInt() {
        if (used == 4) {
            block = gen.next();
            used = 0;
        }
        return block[used++];
    }

    /** TF's {@code SimplePhilox::RandFloat}: uniform in [0, 1) from one word. */
    public float nextFloat() { return PhiloxDistributions.uint32ToFloat(nextInt()); }

    /** TF's {@code SimplePhilox::RandDouble}: uniform in [0, 1) from two words. */
    public double nextDouble() {
        int x0 = nextInt();
        int x1 = nextInt();
        return PhiloxDistributions.uint64ToDouble(x0, x1);
    }
}
