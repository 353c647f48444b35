package org.tf2torch.ir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Another tensor's bytes under a different shape of the same element count (C order makes a reshape free):
 * a weight folded into the layout a torch layer holds, e.g. an EinsumDense kernel [d, heads, dim] read as
 * [d, heads * dim].
 */
public final class ReshapedTensor extends Tensor {
    private final Tensor base;

    public ReshapedTensor(Tensor base, Shape shape) {
        super(base.dtype(), shape);
        if (shape.numElements() != base.numElements()) {
            throw new IllegalArgumentException("cannot view " + base.shape() + " as " + shape);
        }
        this.base = base;
    }

    public Tensor base() { return base; }

    @Override
    public void writeTo(WritableByteChannel out) throws IOException { base.writeTo(out); }

    @Override
    public ByteBuffer read() throws IOException { return base.read(); }

    @Override
    public String describe() { return "reshape" + shape() + " of " + base.describe(); }
}
