package org.tf2torch.validation.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy {@code .npz} archives: a zip of {@code <name>.npy} members, STORED ({@code np.savez}) or DEFLATED
 * ({@code np.savez_compressed}). Member order is kept, since inputs are often positional.
 */
public final class Npz {
    private Npz() {}

    /**
     * Reads every member, keyed by its name without {@code .npy}. {@link ZipFile} reads the central directory, which
     * copes with the ZIP64 headers NumPy always writes and with data descriptors a streaming reader would trip on.
     */
    public static Map<String, NdArray> read(Path file) throws IOException {
        Map<String, NdArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) continue;
                String name = e.getName().endsWith(".npy")
                        ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(name, Npy.read(in));
                } catch (IOException ex) {
                    throw new IOException(file + " member " + e.getName() + ": " + ex.getMessage(), ex);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + ": not a readable .npz (zip) file: " + e.getMessage(), e);
        }
        return out;
    }

    /** Writes members in map order; {@code compressed} picks DEFLATED (like {@code savez_compressed}) over STORED. */
    public static void write(Path file, Map<String, NdArray> arrays, boolean compressed) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, arrays, compressed);
        }
    }

    public static void write(OutputStream out, Map<String, NdArray> arrays, boolean compressed) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, NdArray> a : arrays.entrySet()) {
            byte[] bytes = Npy.toBytes(a.getValue());
            ZipEntry e = new ZipEntry(a.getKey() + ".npy");
            if (compressed) {
                e.setMethod(ZipEntry.DEFLATED);
            } else {
                // STORED members must announce size and CRC up front, before their data.
                CRC32 crc = new CRC32();
                crc.update(bytes);
                e.setMethod(ZipEntry.STORED);
                e.setSize(bytes.length);
                e.setCompressedSize(bytes.length);
                e.setCrc(crc.getValue());
            }
            zip.putNextEntry(e);
            zip.write(bytes);
            zip.closeEntry();
        }
        zip.finish();
    }
}
