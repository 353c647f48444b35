package org.tf2torch.validation.io;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tf2torch.ir.DType;

/**
 * NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0; little-endian, C order). Files are written exactly as
 * NumPy 1.24 writes them, so an array read from a NumPy file and written back gives the same bytes.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    /** NumPy leaves room in the header so that the first axis can grow in place; we copy that for equal bytes. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    public static NdArray read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads one array and leaves the stream just after its data. */
    public static NdArray read(InputStream in) throws IOException {
        byte[] magic = readFully(in, 8);
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) throw new IOException("not a .npy file (bad magic)");
        }
        int major = magic[6] & 0xff;
        int headerLen;
        if (major == 1) {
            headerLen = ByteBuffer.wrap(readFully(in, 2)).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        } else if (major == 2 || major == 3) {
            headerLen = ByteBuffer.wrap(readFully(in, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (headerLen < 0) throw new IOException(".npy header too large");
        } else {
            throw new IOException("unsupported .npy format version " + major + "." + (magic[7] & 0xff));
        }
        // Version 3.0 only widens the header encoding to UTF-8; for the keys we read, that is the same as Latin-1.
        String header = new String(readFully(in, headerLen),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        DType dtype = parseDescr(header);
        long[] shape = parseShape(header);
        long bytes = Math.multiplyExact(NdArray.elementCount(shape), (long) dtype.byteSize());
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IOException("array of " + bytes + " bytes is larger than tf2torch holds in memory (2 GiB)");
        }
        return NdArray.of(dtype, shape, ByteBuffer.wrap(readFully(in, (int) bytes)));
    }

    public static void write(Path file, NdArray array) throws IOException {
        Files.write(file, toBytes(array));
    }

    public static void write(OutputStream out, NdArray array) throws IOException {
        out.write(header(array));
        ByteBuffer d = array.data();
        byte[] chunk = new byte[Math.min(d.remaining(), 1 << 16)];
        while (d.hasRemaining()) {
            int n = Math.min(chunk.length, d.remaining());
            d.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    public static byte[] toBytes(NdArray array) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.toIntExact(array.byteSize() + 128));
        write(out, array);
        return out.toByteArray();
    }

    static byte[] header(NdArray array) throws IOException {
        String descr = array.dtype().numpyDescr();
        if (descr == null) throw new IOException(array.dtype().numpyName() + " has no .npy type");
        long[] shape = array.shape();
        StringBuilder h = new StringBuilder("{'descr': '").append(descr)
                .append("', 'fortran_order': False, 'shape': ").append(shapeRepr(shape)).append(", }");
        if (shape.length > 0) h.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length()));
        int hlen = h.length() + 1; // the closing newline
        int pad = ALIGN - (MAGIC.length + 4 + hlen) % ALIGN;
        boolean v1 = hlen + pad <= 0xffff; // else version 2.0, whose length field has 4 bytes
        int prefix = MAGIC.length + 2 + (v1 ? 2 : 4);
        pad = ALIGN - (prefix + hlen) % ALIGN;
        h.append(" ".repeat(pad)).append('\n');
        byte[] text = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(prefix + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) (v1 ? 1 : 2)).put((byte) 0);
        if (v1) b.putShort((short) text.length);
        else b.putInt(text.length);
        return b.put(text).array();
    }

    /** Python's repr of a tuple: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
    private static String shapeRepr(long[] shape) {
        if (shape.length == 1) return "(" + shape[0] + ",)";
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i]);
        }
        return sb.append(')').toString();
    }

    static DType parseDescr(String header) throws IOException {
        Matcher m = DESCR.matcher(header);
        if (!m.find()) {
            if (header.contains("'descr': [")) throw new IOException("structured .npy arrays are not supported");
            throw new IOException("bad .npy header (no descr): " + header.trim());
        }
        Matcher f = FORTRAN.matcher(header);
        if (f.find() && f.group(1).equals("True")) {
            throw new IOException(".npy array is in Fortran order; only C order is supported"
                    + " (save np.ascontiguousarray(a) instead)");
        }
        String descr = m.group(1);
        if (descr.length() < 3) throw new IOException("unsupported .npy dtype '" + descr + "'");
        char order = descr.charAt(0);
        String kind = descr.substring(1);
        DType t = null;
        for (DType d : DType.values()) {
            if (d.numpyDescr() != null && d.numpyDescr().substring(1).equals(kind)) t = d;
        }
        if (t == null) {
            throw new IOException("unsupported .npy dtype '" + descr + "' (supported: bool, uint8, int8, int16,"
                    + " int32, int64, float16, float32, float64)");
        }
        boolean oneByte = t.byteSize() == 1;
        if (order == '>' && !oneByte) {
            throw new IOException(".npy array is big-endian ('" + descr + "'); only little-endian is supported"
                    + " (save a.astype(a.dtype.newbyteorder('<')) instead)");
        }
        if (order != '<' && order != '|' && order != '=' && !(order == '>' && oneByte)) {
            throw new IOException("unsupported .npy byte order in '" + descr + "'");
        }
        return t;
    }

    static long[] parseShape(String header) throws IOException {
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) throw new IOException("bad .npy header (no shape): " + header.trim());
        List<Long> dims = new ArrayList<>();
        for (String p : m.group(1).split(",")) {
            String s = p.trim();
            if (s.endsWith("L")) s = s.substring(0, s.length() - 1); // Python 2 longs
            if (s.isEmpty()) continue;
            try {
                long d = Long.parseLong(s);
                if (d < 0) throw new NumberFormatException();
                dims.add(d);
            } catch (NumberFormatException e) {
                throw new IOException("bad .npy shape (" + m.group(1) + ")");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) throw new EOFException(".npy data truncated: wanted " + n + " bytes, got " + b.length);
        return b;
    }
}
