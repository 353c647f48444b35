package org.tf2torch.ir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/** A tensor held in memory (constants, folded values, small test data). */
public final class DenseTensor extends Tensor {
    private final ByteBuffer data;

    public DenseTensor(DType dtype, Shape shape, ByteBuffer data) {
        super(dtype, shape);
        long expect = shape.numElements() * dtype.byteSize();
        if (data.remaining() != expect) {
            throw new IllegalArgumentException("tensor " + dtype + shape + " needs " + expect + " bytes, got "
                    + data.remaining());
        }
        this.data = data.slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    public DenseTensor(DType dtype, Shape shape, byte[] data) {
        this(dtype, shape, ByteBuffer.wrap(data));
    }

    @Override
    public void writeTo(WritableByteChannel out) throws IOException {
        ByteBuffer b = data.duplicate();
        while (b.hasRemaining()) out.write(b);
    }

    @Override
    public ByteBuffer read() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public String describe() { return "dense " + type(); }
}
