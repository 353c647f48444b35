package org.tf2torch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The tool version, filtered into a resource at build time. */
public final class Version implements CommandLine.IVersionProvider {
    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"tf2torch " + get(), "Java " + System.getProperty("java.version") + " on "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
}
