package org.tf2torch.ir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.io.OutputStream;

/**
 * Tensor data with a static shape, stored little-endian in C order. Subclasses decide where the bytes live;
 * weights stay in their file until an exporter writes them, so a large model never passes through the heap.
 */
public abstract class Tensor {
    private final DType dtype;
    private final Shape shape;

    protected Tensor(DType dtype, Shape shape) {
        if (!shape.isStatic()) throw new IllegalArgumentException("tensor data needs a static shape, got " + shape);
        this.dtype = dtype;
        this.shape = shape;
    }

    public final DType dtype() { return dtype; }
    public final Shape shape() { return shape; }
    public final TensorType type() { return new TensorType(dtype, shape); }
    public final long numElements() { return shape.numElements(); }
    public final long byteSize() { return numElements() * dtype.byteSize(); }

    /** Streams the raw little-endian bytes to {@code out}. */
    public abstract void writeTo(WritableByteChannel out) throws IOException;

    public final void writeTo(OutputStream out) throws IOException {
        writeTo(Channels.newChannel(out));
    }

    /**
     * All bytes in a little-endian buffer positioned at 0. Meant for small tensors (constants, folding);
     * exporters use {@link #writeTo} instead.
     */
    public abstract ByteBuffer read() throws IOException;

    /** Like {@link #read()} but wraps I/O failures, for the constant folder and shape logic. */
    public final ByteBuffer readUnchecked() {
        try {
            return read().order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A short description for error messages and the IR printer. */
    public abstract String describe();

    @Override
    public String toString() { return describe(); }
}
