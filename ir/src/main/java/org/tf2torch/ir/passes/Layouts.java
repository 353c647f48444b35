package org.tf2torch.ir.passes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.tf2torch.ir.Attrs;
import org.tf2torch.ir.DenseTensor;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;

/** Concat and slice on constant tensors, byte-wise so every dtype works the same. */
final class Layouts {
    private Layouts() {}

    static Tensor concat(List<Tensor> in, Shape outShape, int axis) {
        Tensor first = in.get(0);
        int rank = first.shape().rank();
        int ax = axis < 0 ? axis + rank : axis;
        long outer = 1;
        for (int i = 0; i < ax; i++) outer *= first.shape().sizes()[i];
        int es = first.dtype().byteSize();
        ByteBuffer out = ByteBuffer.allocate((int) (outShape.numElements() * es)).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer[] src = new ByteBuffer[in.size()];
        int[] chunk = new int[in.size()];
        for (int k = 0; k < in.size(); k++) {
            src[k] = in.get(k).readUnchecked();
            long inner = 1;
            long[] s = in.get(k).shape().sizes();
            for (int i = ax; i < rank; i++) inner *= s[i];
            chunk[k] = (int) (inner * es);
        }
        byte[] tmp = new byte[0];
        for (long o = 0; o < outer; o++) {
            for (int k = 0; k < in.size(); k++) {
                if (tmp.length < chunk[k]) tmp = new byte[chunk[k]];
                src[k].get(tmp, 0, chunk[k]);
                out.put(tmp, 0, chunk[k]);
            }
        }
        return new DenseTensor(first.dtype(), outShape, out.flip());
    }

    static Tensor slice(Tensor t, Shape outShape, Attrs a) {
        long[] inShape = t.shape().sizes();
        int rank = inShape.length;
        long[] start = new long[rank];
        long[] step = new long[rank];
        java.util.Arrays.fill(step, 1);
        long[] starts = a.ints("starts");
        long[] axes = a.ints("axes");
        long[] steps = a.ints("steps");
        for (int i = 0; i < axes.length; i++) {
            int ax = (int) (axes[i] < 0 ? axes[i] + rank : axes[i]);
            long d = inShape[ax];
            long s = starts[i] < 0 ? starts[i] + d : starts[i];
            // same clamping as shape inference's Reshapes.sliceLength: backward starts never clamp to -1
            s = steps[i] > 0 ? Math.max(0, Math.min(s, d)) : Math.max(0, Math.min(s, d - 1));
            start[ax] = s;
            step[ax] = steps[i];
        }
        long[] out = outShape.sizes();
        long[] strides = new long[rank];
        long acc = 1;
        for (int i = rank - 1; i >= 0; i--) {
            strides[i] = acc;
            acc *= inShape[i];
        }
        int es = t.dtype().byteSize();
        ByteBuffer src = t.readUnchecked();
        long n = outShape.numElements();
        ByteBuffer dst = ByteBuffer.allocate((int) (n * es)).order(ByteOrder.LITTLE_ENDIAN);
        long[] idx = new long[rank];
        byte[] tmp = new byte[es];
        for (long k = 0; k < n; k++) {
            long off = 0;
            for (int i = 0; i < rank; i++) off += (start[i] + idx[i] * step[i]) * strides[i];
            src.get((int) (off * es), tmp);
            dst.put(tmp);
            for (int i = rank - 1; i >= 0; i--) {
                if (++idx[i] < out[i]) break;
                idx[i] = 0;
            }
        }
        return new DenseTensor(t.dtype(), outShape, dst.flip());
    }
}
