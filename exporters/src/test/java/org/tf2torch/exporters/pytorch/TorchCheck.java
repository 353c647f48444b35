package org.tf2torch.exporters.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Parameter;
import org.tf2torch.ir.Tensor;
import org.tf2torch.ir.Verifier;

/**
 * Exports a graph and checks it with Debian's {@code /usr/bin/python3} (torch 1.13): model.py eager,
 * {@code torch.jit.script} of it and the archive, each against a NumPy reference (see check_export.py).
 * Skips when that Python lacks torch, except under {@code CI=true}, where it fails.
 */
final class TorchCheck {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Boolean available;

    private final Graph graph;
    private final Map<String, Tensor> inputs = new LinkedHashMap<>();
    private String reference;
    private double rtol = 1e-5;
    private double atol = 1e-6;
    private ExportOptions options = ExportOptions.defaults();
    private boolean libtorch = true;

    TorchCheck(Graph graph) { this.graph = graph; }

    static void assumeTorch() {
        if (available == null) {
            try {
                available = run(List.of(PYTHON.toString(), "-c", "import torch, numpy"), 120).exitCode == 0;
            } catch (IOException e) {
                available = false;
            }
        }
        if (!available) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("CI=true but " + PYTHON + " cannot import torch");
            Assumptions.abort(PYTHON + " with torch and numpy is not installed");
        }
    }

    /** Sets a parameter's data (the text parser fills zeros). */
    TorchCheck weight(String name, Tensor t) {
        Parameter p = graph.params().get(name);
        graph.replaceParameter(p.withData(t));
        return this;
    }

    TorchCheck input(String key, Tensor t) {
        inputs.put(key, t);
        return this;
    }

    /** Python source defining {@code reference(x, w)}: inputs and TF weights by name → outputs by key. */
    TorchCheck reference(String python) {
        this.reference = python;
        return this;
    }

    TorchCheck tolerance(double rtol, double atol) {
        this.rtol = rtol;
        this.atol = atol;
        return this;
    }

    /** For inputs DJL cannot create (int16 aborts it); torch 1.13 still checks model.py and the archive. */
    TorchCheck skipLibtorch() {
        this.libtorch = false;
        return this;
    }

    TorchCheck options(ExportOptions o) {
        this.options = o;
        return this;
    }

    record Output(int exitCode, String text) {}

    /** Exports into {@code tmp/export}, runs the check, fails with Python's report when it does not pass. */
    ExportResult run(Path tmp) throws IOException {
        assumeTorch();
        Verifier.verify(graph);
        Path out = Files.createDirectories(tmp.resolve("export"));
        ExportResult r = PyTorchExporter.export(graph, out, options);
        String keep = System.getenv("TF2TORCH_KEEP_EXPORTS");
        if (keep != null) {
            // For looking at generated code by hand: TF2TORCH_KEEP_EXPORTS=/some/dir mvn test ...
            Path dst = Files.createDirectories(Path.of(keep, r.className()));
            for (Path f : List.of(r.modelPy(), r.torchScript())) {
                Files.copy(f, dst.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path caseDir = Files.createDirectories(tmp.resolve("case"));
        List<String> inputFiles = new ArrayList<>();
        for (String key : graph.inputKeys()) {
            Tensor t = inputs.get(key);
            if (t == null) throw new IllegalArgumentException("no data for input " + key);
            String f = "input_" + inputFiles.size() + ".npy";
            TestTensors.writeNpy(caseDir.resolve(f), t);
            inputFiles.add(TestTensors.json(f));
        }
        List<String> weights = new ArrayList<>();
        int k = 0;
        for (Parameter p : graph.params().values()) {
            String f = "weight_" + k++ + ".npy";
            TestTensors.writeNpy(caseDir.resolve(f), p.data());
            weights.add(TestTensors.json(p.name()) + ": " + TestTensors.json(f));
        }
        List<String> keys = new ArrayList<>();
        for (String key : graph.outputs().keySet()) keys.add(TestTensors.json(key));
        List<String> inKeys = new ArrayList<>();
        for (String key : graph.inputKeys()) inKeys.add(TestTensors.json(key));
        String json = "{\"className\": " + TestTensors.json(r.className())
                + ", \"weightsFile\": " + TestTensors.json(r.weights().getFileName().toString())
                + ", \"inputs\": " + inputFiles + ", \"inputKeys\": " + inKeys
                + ", \"weights\": {" + String.join(", ", weights) + "}, \"outputs\": " + keys
                + ", \"trainable\": " + r.trainableParameterCount() + ", \"rtol\": " + rtol + ", \"atol\": " + atol + "}";
        Files.writeString(caseDir.resolve("case.json"), json, StandardCharsets.UTF_8);
        Files.writeString(caseDir.resolve("reference.py"), "import numpy as np\n\n" + reference, StandardCharsets.UTF_8);
        Path script = tmp.resolve("check_export.py");
        try (InputStream in = TorchCheck.class.getResourceAsStream("check_export.py")) {
            Files.copy(in, script);
        }
        Output o = run(List.of(PYTHON.toString(), script.toString(), out.toString(), caseDir.toString()), 300);
        assertEquals(0, o.exitCode, () -> "check_export.py failed:\n" + o.text + "\n--- model.py ---\n" + read(out));
        List<Tensor> ordered = new ArrayList<>();
        for (String key : graph.inputKeys()) ordered.add(inputs.get(key));
        if (!libtorch) return r;
        try {
            LibtorchCheck.run(r.torchScript(), ordered, caseDir, List.copyOf(graph.outputs().keySet()), rtol, atol);
        } catch (Exception e) {
            throw new AssertionError("libtorch 2.5.1 (DJL) could not run the archive", e);
        }
        return r;
    }

    private static String read(Path out) {
        try {
            return Files.readString(out.resolve(PyTorchExporter.MODEL_PY));
        } catch (IOException e) {
            return e.toString();
        }
    }

    static Output run(List<String> cmd, int timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        byte[] text;
        try (InputStream in = p.getInputStream()) {
            text = in.readAllBytes();
        }
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Output(-1, "timed out\n" + new String(text, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Output(p.exitValue(), new String(text, StandardCharsets.UTF_8));
    }
}
