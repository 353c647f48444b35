package org.tf2torch.cli.zoo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tf2torch.ir.json.Json;

/**
 * The resume key of a case: SHA-256 over the tool version, the run's options, the case's manifest entry and the
 * bytes of every file of the model (names included, so a renamed variables shard counts as a change). Hashing
 * content rather than timestamps keeps keys equal across machines and copies, which sharded runs rely on.
 */
public record CaseKey(String hex, long bytes) {
    public static CaseKey of(ZooCase c, Map<String, Object> options, String toolVersion) {
        MessageDigest md = sha256();
        update(md, "tf2torch " + toolVersion);
        update(md, oneLine(options));
        Map<String, Object> spec = c.spec().toMap();
        spec.remove("tags");
        spec.remove("expect");
        update(md, oneLine(spec));
        long bytes;
        try {
            bytes = content(md, c.content());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + c.content(), e);
        }
        return new CaseKey(HexFormat.of().formatHex(md.digest()), bytes);
    }

    private static long content(MessageDigest md, Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            update(md, "missing");
            return 0;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        long total = 0;
        byte[] buf = new byte[1 << 16];
        for (Path f : files) {
            update(md, root.relativize(f).toString().replace('\\', '/'));
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buf)) > 0; total += n) md.update(buf, 0, n);
            }
        }
        return total;
    }

    /** One-line JSON, the form worker JVMs read and keys hash; strings are escaped, so only layout breaks lines. */
    static String oneLine(Object v) {
        return Json.write(v).replaceAll("\n *", "");
    }

    /** The first 64 bits as a non-negative number, for shard assignment. */
    static long bucket(String s) {
        byte[] d = sha256().digest(s.getBytes(StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (d[i] & 0xff);
        return v & Long.MAX_VALUE;
    }

    private static void update(MessageDigest md, String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
