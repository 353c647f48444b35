package org.tf2torch.exporters.pytorch.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.zip.CRC32;

/**
 * Passes bytes to a sink while counting them and updating a CRC32, so an entry's checksum and size are known
 * once its body has streamed through, without holding the body anywhere.
 */
final class CountingChannel implements WritableByteChannel {
    private final WritableByteChannel sink;
    private final CRC32 crc = new CRC32();
    private long count;

    CountingChannel(WritableByteChannel sink) {
        this.sink = sink;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ByteBuffer seen = src.duplicate();
        int n = sink.write(src);
        // The sink may take only part of the buffer; only what it took belongs to the checksum.
        seen.limit(seen.position() + n);
        crc.update(seen);
        count += n;
        return n;
    }

    long count() { return count; }

    int crc() { return (int) crc.getValue(); }

    @Override
    public boolean isOpen() { return sink.isOpen(); }

    /** Does nothing: a body that closes its channel must not close the archive under it. */
    @Override
    public void close() {}

    static void writeFully(WritableByteChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) out.write(b);
    }
}
