package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tf2torch.fixtures.Fixture;
import org.tf2torch.fixtures.Fixtures;

/**
 * The Keras-style fixture zoo's end-to-end check: convert a fixture, validate it against TF Java (libtorch via DJL,
 * model.py and {@code torch.jit.script} in Python), compare model.py with its golden copy under
 * {@code src/test/resources/golden/}, and count the transposes between channels-first ops.
 *
 * <p>Run with {@code -Dtf2torch.updateGolden=true} to rewrite the golden files; review the diff like code.
 */
final class KerasZooSupport {
    static final Path GOLDEN = Paths.get("src", "test", "resources", "golden");
    private static final Pattern ASSIGN = Pattern.compile("^\\s+([A-Za-z_][A-Za-z0-9_, ]*?)\\s*=\\s*(.+?)(\\s+# .*)?$");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DECL = Pattern.compile("self\\.([A-Za-z0-9_]+) = nn\\.([A-Za-z0-9]+)\\(");
    private static final Pattern SELF_CALL = Pattern.compile("self\\.(?:[A-Za-z0-9_]+\\.)*([A-Za-z0-9_]+)\\(");
    private static final Pattern CHANNELS_FIRST_FN = Pattern.compile(
            "F\\.(conv[123]d|conv_transpose[123]d|max_pool[123]d|avg_pool[123]d|batch_norm|adaptive_avg_pool[123]d)\\(");
    private static final Set<String> CHANNELS_FIRST_LAYERS = Set.of("Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d",
            "ConvTranspose2d", "ConvTranspose3d", "BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "MaxPool2d",
            "AvgPool2d");

    private KerasZooSupport() {}

    /** Converts and validates {@code fixture} into {@code out}; returns model.py's text. */
    static String convertAndValidate(Fixture fixture, Path out) throws IOException {
        Path model = Fixtures.buildCached(fixture);
        CliRunner.Result r = CliRunner.run("check", model.toString(), "-o", out.toString(), "--force",
                "--python", Corpus.python());
        assertEquals(0, r.exit(), fixture + " did not convert and validate:\n" + r.out() + r.err());
        return Files.readString(out.resolve("model.py"), StandardCharsets.UTF_8);
    }

    /** Asserts model.py equals {@code golden/<name>.model.py}, or rewrites it under -Dtf2torch.updateGolden. */
    static void assertGolden(String name, String modelPy) throws IOException {
        Path golden = GOLDEN.resolve(name + ".model.py");
        String normalized = modelPy.replaceAll("(?m)^# Converted by tf2torch .*$", "# Converted by tf2torch");
        if (Boolean.getBoolean("tf2torch.updateGolden")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, normalized, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.isRegularFile(golden), "no golden file " + golden.toAbsolutePath()
                + "; create it with -Dtf2torch.updateGolden=true and review it");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), normalized,
                "model.py differs from " + golden + " (rerun with -Dtf2torch.updateGolden=true if intended)");
    }

    /**
     * Transposes in forward() with a channels-first op (convolution, pooling, batch norm, as a function or as an
     * {@code nn} layer) upstream of their input and another one downstream of their result: each is a layout
     * round trip the converter should have cancelled. Transposes at the input and output boundaries and those
     * around non-convolutional work (attention heads, flatten) do not count.
     */
    static List<String> transposesBetweenChannelsFirstOps(String modelPy) {
        Map<String, String> layerClass = new HashMap<>();
        for (Matcher m = DECL.matcher(modelPy); m.find(); ) layerClass.put(m.group(1), m.group(2));
        List<String[]> lines = new ArrayList<>();
        boolean inForward = false;
        for (String line : modelPy.split("\n")) {
            if (line.strip().startsWith("def ")) inForward = line.contains("def forward(");
            if (!inForward) continue;
            Matcher m = ASSIGN.matcher(line);
            if (m.matches() && !m.group(1).contains("(")) lines.add(new String[] {m.group(1), m.group(2)});
        }
        Map<String, Integer> def = new HashMap<>();
        List<Set<Integer>> deps = new ArrayList<>();
        boolean[] cf = new boolean[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            String expr = lines.get(i)[1];
            Set<Integer> d = new HashSet<>();
            for (Matcher m = IDENT.matcher(expr.replaceAll("\"[^\"]*\"", "")); m.find(); ) {
                Integer j = def.get(m.group());
                if (j != null) d.add(j);
            }
            deps.add(d);
            boolean isCf = CHANNELS_FIRST_FN.matcher(expr).find();
            for (Matcher m = SELF_CALL.matcher(expr); m.find(); ) {
                if (CHANNELS_FIRST_LAYERS.contains(layerClass.getOrDefault(m.group(1), ""))) isCf = true;
            }
            cf[i] = isCf;
            for (String target : lines.get(i)[0].split(",")) def.put(target.strip(), i);
        }
        boolean[] cfUpstream = new boolean[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            for (int j : deps.get(i)) if (cf[j] || cfUpstream[j]) cfUpstream[i] = true;
        }
        boolean[] cfDownstream = new boolean[lines.size()];
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (cf[i] || cfDownstream[i]) for (int j : deps.get(i)) cfDownstream[j] = true;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String expr = lines.get(i)[1];
            boolean transpose = expr.contains(".permute(") || expr.contains("torch.permute(")
                    || expr.contains(".transpose(");
            if (transpose && !cf[i] && cfUpstream[i] && cfDownstream[i]) out.add(lines.get(i)[0] + " = " + expr);
        }
        return out;
    }
}
