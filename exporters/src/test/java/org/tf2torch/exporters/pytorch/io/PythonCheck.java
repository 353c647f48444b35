package org.tf2torch.exporters.pytorch.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.TensorValues;

/**
 * Runs checks in Debian's {@code /usr/bin/python3} (the one with torch 1.13; the {@code python3} on PATH has
 * none). Tests skip without it, except under {@code CI=true}, where a missing torch is a failure.
 */
final class PythonCheck {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Boolean torchAvailable;

    /**
     * Reads an expected-tensors file (see {@link #writeExpected}) and compares it with {@code actual}, a list of
     * (name, dtype name, shape, flat values) built by the calling script.
     */
    static final String COMPARE = """
            import sys, json
            def expected(path):
                meta, out = {}, []
                for line in open(path, encoding='ascii'):
                    p = line.split()
                    text = lambda h: bytes.fromhex(h[1:]).decode('utf-8')
                    if p[0] == 'meta':
                        meta[text(p[1])] = text(p[2])
                        continue
                    dims = [] if p[2] == '-' else [int(d) for d in p[2].split(',')]
                    conv = float if p[1] in ('float16', 'bfloat16', 'float32', 'float64') else int
                    out.append((text(p[0]), p[1], dims, [conv(v) for v in p[3:]]))
                return meta, out
            def compare(actual, exp):
                assert [a[0] for a in actual] == [e[0] for e in exp], ([a[0] for a in actual], [e[0] for e in exp])
                for a, e in zip(actual, exp):
                    assert a[1] == e[1], ('dtype', a[0], a[1], e[1])
                    assert list(a[2]) == e[2], ('shape', a[0], a[2], e[2])
                    got = [type(v)(g) for g, v in zip(a[3], e[3])]
                    assert len(a[3]) == len(e[3]) and got == e[3], ('values', a[0], a[3], e[3])
            """;

    private PythonCheck() {}

    /** Skips the test (or fails it under CI=true) unless /usr/bin/python3 imports torch. */
    static void assumeTorch() {
        if (hasTorch()) return;
        String why = PYTHON + " with torch (Debian python3-torch) is not available";
        if ("true".equals(System.getenv("CI"))) fail(why + "; CI=true requires it");
        Assumptions.assumeTrue(false, why);
    }

    private static synchronized boolean hasTorch() {
        if (torchAvailable == null) {
            torchAvailable = false;
            if (Files.isExecutable(PYTHON)) {
                try {
                    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch, numpy")
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    torchAvailable = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
                } catch (IOException e) {
                    torchAvailable = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return torchAvailable;
    }

    /** Runs {@code script} with {@code args}; fails the test with its output when it exits non-zero. */
    static String run(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
        cmd.addAll(List.of(args));
        File err = File.createTempFile("python-check", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("python check timed out");
            }
            String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), () -> "python check failed:\n" + out + stderr);
            return out;
        } finally {
            Files.deleteIfExists(err.toPath());
        }
    }

    /** One line per tensor: hex name, dtype, dims, values (longs for integer types); then metadata lines. */
    static void writeExpected(Path file, List<NamedTensor> tensors, Map<String, String> metadata) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (NamedTensor nt : tensors) {
            Tensor t = nt.tensor();
            sb.append(hex(nt.name())).append(' ').append(t.dtype().numpyName()).append(' ');
            long[] sizes = t.shape().sizes();
            if (sizes.length == 0) sb.append('-');
            for (int i = 0; i < sizes.length; i++) sb.append(i > 0 ? "," : "").append(sizes[i]);
            if (t.dtype().isFloating()) {
                for (double v : TensorValues.toDoubles(t)) sb.append(' ').append(v);
            } else {
                for (long v : TensorValues.toLongs(t)) sb.append(' ').append(v);
            }
            sb.append('\n');
        }
        if (metadata != null) {
            metadata.forEach((k, v) -> sb.append("meta ").append(hex(k)).append(' ').append(hex(v)).append('\n'));
        }
        Files.writeString(file, sb.toString(), StandardCharsets.US_ASCII);
    }

    /** Prefixed so an empty string still makes a token. */
    private static String hex(String s) {
        return "h" + HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }
}
