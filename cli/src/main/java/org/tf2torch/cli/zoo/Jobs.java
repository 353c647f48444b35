package org.tf2torch.cli.zoo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The default {@code --jobs}: one worker per core, as far as the memory free now holds one per worker. */
public final class Jobs {
    /** A worker JVM with TF, libtorch and one mid-sized model loaded stays under this. */
    static final long BYTES_PER_WORKER = 1536L << 20;

    private Jobs() {}

    public static int byDefault() {
        int cores = Runtime.getRuntime().availableProcessors();
        long free = available();
        long byMemory = free <= 0 ? cores : free / BYTES_PER_WORKER;
        return (int) Math.max(1, Math.min(cores, byMemory));
    }

    /** MemAvailable (free plus reclaimable cache) where Linux says it; else what the JVM reports as free. */
    static long available() {
        Path meminfo = Paths.get("/proc/meminfo");
        if (Files.isReadable(meminfo)) {
            try {
                for (String l : Files.readAllLines(meminfo)) {
                    if (l.startsWith("MemAvailable:")) return Long.parseLong(l.replaceAll("\\D", "")) * 1024;
                }
            } catch (IOException | NumberFormatException e) {
                // fall back below
            }
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getFreeMemorySize();
        }
        return -1;
    }
}
