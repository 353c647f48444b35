package org.tf2torch.ir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Byte-level N-d transpose shared by {@link PermutedTensor} and the constant folder. */
public final class Transposer {
    private Transposer() {}

    public static ByteBuffer transpose(ByteBuffer src, long[] inShape, int[] perm, int elemSize) {
        int rank = inShape.length;
        long n = 1;
        for (long s : inShape) n *= s;
        long[] inStrides = new long[rank];
        long acc = 1;
        for (int i = rank - 1; i >= 0; i--) {
            inStrides[i] = acc;
            acc *= inShape[i];
        }
        long[] outShape = new long[rank];
        long[] strideOfOut = new long[rank];
        for (int i = 0; i < rank; i++) {
            outShape[i] = inShape[perm[i]];
            strideOfOut[i] = inStrides[perm[i]];
        }
        ByteBuffer dst = ByteBuffer.allocate((int) (n * elemSize)).order(ByteOrder.LITTLE_ENDIAN);
        long[] idx = new long[rank];
        byte[] tmp = new byte[elemSize];
        for (long k = 0; k < n; k++) {
            long off = 0;
            for (int i = 0; i < rank; i++) off += idx[i] * strideOfOut[i];
            src.get((int) (off * elemSize), tmp);
            dst.put(tmp);
            for (int i = rank - 1; i >= 0; i--) {
                if (++idx[i] < outShape[i]) break;
                idx[i] = 0;
            }
        }
        return dst.flip();
    }
}
