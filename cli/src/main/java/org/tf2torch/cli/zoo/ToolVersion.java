package org.tf2torch.cli.zoo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.tf2torch.cli.Version;

/**
 * The tool version in resume keys: the release number plus a digest of the project's own jars, so that a rebuilt
 * snapshot (same number, different code) redoes the cases instead of reusing results an older build recorded.
 * Classes loaded from folders (tests, IDEs) are not hashed: there the number alone is used.
 */
final class ToolVersion {
    private static final String VALUE = compute();

    private ToolVersion() {}

    static String get() { return VALUE; }

    private static String compute() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            // One class per module finds its jar, wherever the class path (or a jar manifest) put it.
            for (Class<?> c : new Class<?>[] {org.tf2torch.ir.Graph.class, org.tf2torch.importers.ModelImporter.class,
                    org.tf2torch.exporters.pytorch.PyTorchExporter.class, org.tf2torch.validation.Validator.class,
                    ToolVersion.class}) {
                java.security.CodeSource src = c.getProtectionDomain().getCodeSource();
                if (src == null) continue;
                Path p = Paths.get(src.getLocation().toURI());
                if (!Files.isRegularFile(p)) continue;
                try (InputStream in = Files.newInputStream(p)) {
                    for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
                }
            }
            return Version.get() + "+" + HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (IOException | NoSuchAlgorithmException | java.net.URISyntaxException | SecurityException e) {
            return Version.get();
        }
    }
}
