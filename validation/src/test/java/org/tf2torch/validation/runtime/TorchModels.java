package org.tf2torch.validation.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.tf2torch.validation.TestEnv;
import org.tf2torch.validation.io.NdArray;
import org.tf2torch.validation.io.Npy;

/**
 * The PyTorch models the runner tests use, made once per JVM by {@code make_torch_models.py} with the Python that
 * has torch, with the outputs PyTorch itself computed as the reference.
 */
final class TorchModels {
    private static Path dir;

    private TorchModels() {}

    static synchronized Path dir() throws IOException, InterruptedException {
        if (dir != null) return dir;
        PythonRunner python = TestEnv.python();
        Path out = Files.createTempDirectory("tf2torch-torch-models");
        Path script = out.resolve("make_torch_models.py");
        try (InputStream s = TorchModels.class.getResourceAsStream("make_torch_models.py")) {
            Files.copy(s, script);
        }
        Process p = new ProcessBuilder(python.python().executable(), "-B", script.toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "make_torch_models.py failed:\n" + log);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(out)));
        dir = out;
        return dir;
    }

    static NdArray input(String name) throws Exception {
        return Npy.read(dir().resolve("inputs").resolve(name + ".npy"));
    }

    static List<NdArray> inputs(String... names) throws Exception {
        List<NdArray> list = new ArrayList<>();
        for (String n : names) list.add(input(n));
        return list;
    }

    /** What PyTorch computed for {@code model}, in its output order. */
    static List<NdArray> expected(String model) throws Exception {
        List<NdArray> list = new ArrayList<>();
        for (int i = 0; ; i++) {
            Path f = dir().resolve("expected").resolve(model).resolve(i + ".npy");
            if (!Files.exists(f)) return list;
            list.add(Npy.read(f));
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
