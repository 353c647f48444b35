package org.tf2torch.ir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Bytes {@code [offset, offset + byteSize)} of a file, read only when written (a variables shard slice). */
public final class FileSliceTensor extends Tensor {
    private final Path file;
    private final long offset;

    public FileSliceTensor(DType dtype, Shape shape, Path file, long offset) {
        super(dtype, shape);
        if (offset < 0) throw new IllegalArgumentException("negative offset " + offset + " into " + file);
        this.file = file;
        this.offset = offset;
    }

    public Path file() { return file; }
    public long offset() { return offset; }

    @Override
    public void writeTo(WritableByteChannel out) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = offset;
            long end = offset + byteSize();
            checkLength(ch);
            while (pos < end) {
                long n = ch.transferTo(pos, end - pos, out);
                if (n <= 0) throw new IOException("short read from " + file + " at byte " + pos);
                pos += n;
            }
        }
    }

    @Override
    public ByteBuffer read() throws IOException {
        long size = byteSize();
        if (size > Integer.MAX_VALUE) throw new IOException("tensor of " + size + " bytes is too large to read whole");
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            checkLength(ch);
            long pos = offset;
            while (b.hasRemaining()) {
                int n = ch.read(b, pos);
                if (n < 0) throw new IOException("short read from " + file + " at byte " + pos);
                pos += n;
            }
        }
        return b.flip();
    }

    /** A truncated variables shard is a common failure; say which bytes were expected and how many there are. */
    private void checkLength(FileChannel ch) throws IOException {
        long end = offset + byteSize();
        if (ch.size() < end) {
            throw new IOException(file + " is truncated: it has " + ch.size() + " bytes but tensor " + type()
                    + " needs bytes " + offset + ".." + end);
        }
    }

    @Override
    public String describe() { return type() + " at " + file.getFileName() + "@" + offset; }
}
