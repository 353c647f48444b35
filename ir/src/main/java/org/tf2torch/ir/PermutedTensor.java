package org.tf2torch.ir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * The transpose of another tensor, computed when written. Folding a weight's layout change (HWIO to OIHW)
 * into the parameter keeps the stored weight in PyTorch's layout without reading it at import time.
 */
public final class PermutedTensor extends Tensor {
    private final Tensor base;
    private final int[] perm;

    public PermutedTensor(Tensor base, int[] perm) {
        super(base.dtype(), permuteShape(base.shape(), perm));
        this.base = base;
        this.perm = perm.clone();
    }

    private static Shape permuteShape(Shape s, int[] perm) {
        long[] in = s.sizes();
        if (perm.length != in.length) throw new IllegalArgumentException("perm rank " + perm.length + " != " + in.length);
        long[] out = new long[in.length];
        boolean[] seen = new boolean[perm.length];
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] < 0 || perm[i] >= perm.length || seen[perm[i]]) {
                throw new IllegalArgumentException("not a permutation: " + java.util.Arrays.toString(perm));
            }
            seen[perm[i]] = true;
            out[i] = in[perm[i]];
        }
        return Shape.of(out);
    }

    public Tensor base() { return base; }
    public int[] perm() { return perm.clone(); }

    @Override
    public void writeTo(WritableByteChannel out) throws IOException {
        ByteBuffer b = read();
        while (b.hasRemaining()) out.write(b);
    }

    @Override
    public ByteBuffer read() throws IOException {
        ByteBuffer src = base.read().order(ByteOrder.LITTLE_ENDIAN);
        return Transposer.transpose(src, base.shape().sizes(), perm, dtype().byteSize());
    }

    @Override
    public String describe() { return "permute" + java.util.Arrays.toString(perm) + " of " + base.describe(); }
}
