package org.tf2torch.exporters.pytorch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;

/** Deterministic test data and a minimal .npy writer (NumPy reads the IR's little-endian bytes as they are). */
final class TestTensors {
    private TestTensors() {}

    /** Uniform in [-1, 1) for floats, in [-range, range] for integers. */
    static Tensor random(DType d, long seed, long... shape) {
        Random r = new Random(seed);
        int n = Math.toIntExact(Shape.of(shape).numElements());
        if (d.isFloating()) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = r.nextDouble() * 2 - 1;
            return TensorValues.ofDoubles(d, Shape.of(shape), v);
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) v[i] = r.nextInt(19) - 9;
        return TensorValues.ofLongs(d, Shape.of(shape), v);
    }

    /** Positive values in [0.5, 1.5), e.g. variances. */
    static Tensor positive(long seed, long... shape) {
        Random r = new Random(seed);
        int n = Math.toIntExact(Shape.of(shape).numElements());
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = 0.5 + r.nextDouble();
        return TensorValues.ofDoubles(DType.F32, Shape.of(shape), v);
    }

    static void writeNpy(Path file, Tensor t) throws IOException {
        StringBuilder shape = new StringBuilder("(");
        for (long s : t.shape().sizes()) shape.append(s).append(", ");
        if (t.shape().rank() > 0) shape.setLength(shape.length() - (t.shape().rank() == 1 ? 1 : 2));
        shape.append(')');
        String dict = "{'descr': '" + t.dtype().numpyDescr() + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer data = t.read();
        byte[] body = new byte[data.remaining()];
        data.get(body);
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(10 + h.length + body.length);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.put((byte) (h.length & 0xff)).put((byte) (h.length >> 8));
        out.put(h).put(body);
        Files.write(file, out.array());
    }

    /** A JSON string literal. */
    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }
}
