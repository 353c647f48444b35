package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.fixtures.Fixtures;

/**
 * Benchmark (run with {@code mvn -B verify -Pslow -pl cli -am -Dtest=LargeModelStreamingTest
 * -Dsurefire.failIfNoSpecifiedTests=false}): converting a SavedModel with over 1 GiB of float32 variables in a
 * JVM limited to 256 MiB of heap, timed against a plain copy of the same variable bytes.
 */
@Tag("slow")
class LargeModelStreamingTest {
    static final long BYTES = (1L << 30) + (1L << 20);

    @TempDir
    Path tmp;

    @Test
    void convertsOneGibibyteWithSmallHeap() throws Exception {
        Path model = Fixtures.buildLarge(tmp.resolve("large"), BYTES);
        long varBytes;
        try (Stream<Path> s = Files.list(model.resolve("variables"))) {
            varBytes = s.filter(p -> p.getFileName().toString().startsWith("variables.data"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(varBytes >= 1L << 30, "fixture has " + varBytes + " variable bytes");

        long t0 = System.nanoTime();
        try (Stream<Path> s = Files.list(model.resolve("variables"))) {
            for (Path p : (Iterable<Path>) s::iterator) Files.copy(p, tmp.resolve("copy-" + p.getFileName()));
        }
        double copySeconds = (System.nanoTime() - t0) / 1e9;

        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("convert.log");
        long t1 = System.nanoTime();
        Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.tf2torch.cli.Tf2Torch", "convert", model.toString(), "-o", out.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = p.waitFor();
        double convertSeconds = (System.nanoTime() - t1) / 1e9;
        assertEquals(0, exit, Files.readString(log, StandardCharsets.UTF_8));
        long written = Files.size(out.resolve("model.safetensors")) + Files.size(out.resolve("model.torchscript.pt"));
        double mib = varBytes / (1024.0 * 1024.0);
        System.out.printf("STREAMING BENCHMARK: %.0f MiB of variables; plain copy %.2f s (%.0f MiB/s); "
                        + "convert with -Xmx256m %.2f s (%.0f MiB/s of variables, %.0f MiB written: safetensors + "
                        + "TorchScript)%n", mib, copySeconds, mib / copySeconds, convertSeconds, mib / convertSeconds,
                written / (1024.0 * 1024.0));
        assertTrue(written >= 2 * varBytes, "both weight files hold every variable byte");
    }
}
