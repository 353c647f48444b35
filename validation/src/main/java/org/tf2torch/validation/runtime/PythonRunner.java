package org.tf2torch.validation.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.tf2torch.validation.io.NdArray;
import org.tf2torch.validation.io.Npy;

/**
 * Runs PyTorch in a Python subprocess: the emitted {@code model.py} with its weights, or a TorchScript archive
 * through {@code torch.jit.load}. Each call starts a fresh interpreter (about a second for {@code import torch}), so
 * no state leaks between models. The work is done by {@code torch_driver.py}, shipped as a resource.
 */
public final class PythonRunner {
    private static final String DRIVER = "torch_driver.py";
    private static final int STDERR_TAIL = 4000;

    private final PythonProbe.PythonInfo python;
    private final int threads;
    private final Duration timeout;

    private PythonRunner(PythonProbe.PythonInfo python, int threads, Duration timeout) {
        this.python = python;
        this.threads = threads;
        this.timeout = timeout;
    }

    /** A runner on the interpreter {@link PythonProbe#require} picks; one torch thread, 10 minutes per call. */
    public static PythonRunner create(String explicitPython) {
        return new PythonRunner(PythonProbe.require(explicitPython), 1, Duration.ofMinutes(10));
    }

    public static Optional<PythonRunner> find(String explicitPython) {
        return PythonProbe.find(explicitPython).map(p -> new PythonRunner(p, 1, Duration.ofMinutes(10)));
    }

    /** {@code n} torch threads (0 leaves torch's default). */
    public PythonRunner withThreads(int n) { return new PythonRunner(python, n, timeout); }

    public PythonRunner withTimeout(Duration d) { return new PythonRunner(python, threads, d); }

    public PythonProbe.PythonInfo python() { return python; }

    /**
     * Instantiates {@code className} from {@code modelDir/model.py} (null: its only nn.Module subclass), loads
     * {@code model.safetensors} or else {@code model.pt} strictly, and calls it in eval mode under no_grad with
     * positional inputs.
     */
    public NamedOutputs runModule(Path modelDir, String className, List<NdArray> inputs) {
        return call(moduleRequest(modelDir, className), named(inputs), false);
    }

    /** As {@link #runModule(Path, String, List)}, passing the inputs as keyword arguments. */
    public NamedOutputs runModule(Path modelDir, String className, Map<String, NdArray> kwargs) {
        return call(moduleRequest(modelDir, className), new ArrayList<>(kwargs.entrySet()), true);
    }

    /**
     * Runs model.py as {@link #runModule(Path, String, Map)} does and returns the named locals of {@code forward} as
     * they were when it returned, keyed by local name; locals that were not tensors or not assigned are absent.
     */
    public NamedOutputs runModuleLocals(Path modelDir, String className, Map<String, NdArray> kwargs,
                                        List<String> locals) {
        Json req = moduleRequest(modelDir, className).put("probes", new ArrayList<>(locals));
        return call(req, new ArrayList<>(kwargs.entrySet()), true);
    }

    /** Per-call milliseconds of model.py, timed inside one Python process after {@code warmup} untimed calls. */
    public double[] timeModule(Path modelDir, String className, Map<String, NdArray> kwargs, int warmup, int runs) {
        return time(moduleRequest(modelDir, className), new ArrayList<>(kwargs.entrySet()), true, warmup, runs);
    }

    /** As {@link #timeModule} for a TorchScript archive loaded with {@code torch.jit.load}. */
    public double[] timeTorchScript(Path archive, List<NdArray> inputs, int warmup, int runs) {
        Json req = new Json().put("mode", "torchscript").put("file", archive.toAbsolutePath().toString());
        return time(req, named(inputs), false, warmup, runs);
    }

    private double[] time(Json req, List<Map.Entry<String, NdArray>> inputs, boolean keyword, int warmup, int runs) {
        if (runs < 1) throw new IllegalArgumentException("runs must be >= 1, got " + runs);
        req.put("warmup", warmup).put("runs", runs);
        Path work = tempDir();
        String what = req.get("mode").equals("module") ? req.get("model_dir") + "/model.py" : req.get("file");
        try {
            execute(req, inputs, keyword, work, what);
            List<String> lines = Files.readAllLines(work.resolve("out").resolve("times.txt"), StandardCharsets.US_ASCII);
            return lines.stream().filter(l -> !l.isBlank()).mapToDouble(Double::parseDouble).toArray();
        } catch (IOException | NumberFormatException e) {
            throw new RunnerException("python timing of " + what + " failed: " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    /** Loads a TorchScript archive with {@code torch.jit.load} and calls it with positional inputs. */
    public NamedOutputs runTorchScript(Path archive, List<NdArray> inputs) {
        Json req = new Json().put("mode", "torchscript").put("file", archive.toAbsolutePath().toString());
        return call(req, named(inputs), false);
    }

    /** Whether {@code torch.jit.script} accepts the module (weights are not loaded; scripting reads code only). */
    public boolean scripts(Path modelDir, String className) {
        return scriptError(modelDir, className).isEmpty();
    }

    /** Empty when the module scripts, else TorchScript's error text. Import or constructor failures throw. */
    public Optional<String> scriptError(Path modelDir, String className) {
        Json req = new Json().put("mode", "script-check").put("model_dir", modelDir.toAbsolutePath().toString())
                .put("class_name", className);
        Path work = tempDir();
        try {
            execute(req, List.of(), false, work, "torch.jit.script of " + modelDir.resolve("model.py"));
            String msg = Files.readString(work.resolve("out").resolve("script.txt"), StandardCharsets.UTF_8);
            return msg.isEmpty() ? Optional.empty() : Optional.of(msg);
        } catch (IOException e) {
            throw new RunnerException("python script check failed: " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    private Json moduleRequest(Path modelDir, String className) {
        Path st = modelDir.resolve("model.safetensors");
        Path pt = modelDir.resolve("model.pt");
        Path weights = Files.isRegularFile(st) ? st : Files.isRegularFile(pt) ? pt : null;
        return new Json().put("mode", "module").put("model_dir", modelDir.toAbsolutePath().toString())
                .put("class_name", className)
                .put("weights", weights == null ? null : weights.toAbsolutePath().toString());
    }

    private static List<Map.Entry<String, NdArray>> named(List<NdArray> inputs) {
        List<Map.Entry<String, NdArray>> list = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) list.add(Map.entry("input_" + i, inputs.get(i)));
        return list;
    }

    private NamedOutputs call(Json req, List<Map.Entry<String, NdArray>> inputs, boolean keyword) {
        Path work = tempDir();
        String what = req.get("mode").equals("module") ? req.get("model_dir") + "/model.py" : req.get("file");
        try {
            execute(req, inputs, keyword, work, what);
            Path out = work.resolve("out");
            List<String> lines = Files.readAllLines(out.resolve("names.txt"), StandardCharsets.US_ASCII);
            List<String> names = new ArrayList<>();
            List<NdArray> values = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isEmpty()) continue;
                names.add(new String(HexFormat.of().parseHex(lines.get(i)), StandardCharsets.UTF_8));
                values.add(Npy.read(out.resolve((values.size()) + ".npy")));
            }
            return new NamedOutputs(names, values);
        } catch (IOException e) {
            throw new RunnerException("python run of " + what + " failed: " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    private void execute(Json req, List<Map.Entry<String, NdArray>> inputs, boolean keyword, Path work, String what)
            throws IOException {
        Path in = Files.createDirectories(work.resolve("in"));
        Files.createDirectories(work.resolve("out"));
        List<Json> specs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Path f = in.resolve(i + ".npy");
            Npy.write(f, inputs.get(i).getValue());
            specs.add(new Json().put("name", inputs.get(i).getKey()).put("file", f.toString()));
        }
        req.put("inputs", specs).put("keyword", keyword).put("threads", threads)
                .put("out_dir", work.resolve("out").toString());
        Path request = work.resolve("request.json");
        Files.writeString(request, req.toString(), StandardCharsets.UTF_8);
        Path driver = work.resolve(DRIVER);
        try (InputStream s = PythonRunner.class.getResourceAsStream(DRIVER)) {
            if (s == null) throw new IOException("resource " + DRIVER + " missing from the classpath");
            Files.copy(s, driver);
        }
        Path stdout = work.resolve("stdout.txt");
        Path stderr = work.resolve("stderr.txt");
        // -B: never leave __pycache__ in the user's model folder.
        ProcessBuilder pb = new ProcessBuilder(python.executable(), "-B", driver.toString(), request.toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        if (threads > 0) pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new RunnerException("python timed out after " + timeout.toSeconds() + " s running " + what);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RunnerException("interrupted while python ran " + what, e);
        }
        if (p.exitValue() != 0) {
            String err = Files.readString(stderr, StandardCharsets.UTF_8).strip();
            throw new RunnerException("python (" + python + ") failed running " + what + ": "
                    + lastLine(err) + "\n--- stderr (tail) ---\n"
                    + (err.length() > STDERR_TAIL ? "..." + err.substring(err.length() - STDERR_TAIL) : err));
        }
    }

    /** The exception line of a traceback, which is what a reader wants first. */
    static String lastLine(String text) {
        if (text.isEmpty()) return "(no output on stderr)";
        int nl = text.lastIndexOf('\n');
        return text.substring(nl + 1).strip();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tf2torch-py");
        } catch (IOException e) {
            throw new RunnerException("cannot create a temporary folder: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temp folder is not worth failing a validation run for
        }
    }
}
