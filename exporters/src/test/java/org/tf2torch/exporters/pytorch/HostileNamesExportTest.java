package org.tf2torch.exporters.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Graph;
import org.tf2torch.ir.Op;
import org.tf2torch.ir.Parameter;
import org.tf2torch.ir.SourceRef;
import org.tf2torch.ir.TensorType;
import org.tf2torch.ir.Value;

/**
 * Names from the model reach the generated code only through the sanitizer and the escaper: a graph whose
 * every name tries to inject code must export to a model.py that compiles, runs, keeps the exact output keys
 * and runs nothing it should not.
 */
class HostileNamesExportTest {
    static final Path PWNED = Path.of("/tmp/pwned_tf2torch");
    static final String PAYLOAD = "__import__('os').system('touch /tmp/pwned_tf2torch')";

    static final List<String> INPUT_KEYS = List.of(
            "x\"); " + PAYLOAD + "; (\"", "class", "a\nb\\c'\"\"\"", "a.b", "a_b", "self", "torch", "");
    static final List<String> PARAM_NAMES = List.of(
            "a.b", "a_b", "training", "forward", "__init__", "class", "w\nimport os; os.system('touch /tmp/pwned_tf2torch')",
            "1abc", "_parameters", PAYLOAD, "\u00e9/\u00fc", "", "v", "__parameters__", "Tensor", "const_0");
    static final List<String> OUTPUT_KEYS = List.of(
            "x\"); " + PAYLOAD + "; (\"", "\"\"\"", "a\\", "line\nbreak\r\u0000tab\t\u000b\u000c\u007f", "\u00e9\u20ac\u2028\u0085\ud83d\ude00",
            "class", "'", "{}", "\\\" + " + PAYLOAD + " + \\\"", "");

    static Graph hostileGraph() {
        Graph g = new Graph("evil\"\n" + PAYLOAD);
        TensorType t = TensorType.of(DType.F32, 2, 3);
        List<Value> in = new ArrayList<>();
        for (String k : INPUT_KEYS) in.add(g.addInput(k, t, null));
        for (int i = 0; i < PARAM_NAMES.size(); i++) {
            g.addParameter(new Parameter(PARAM_NAMES.get(i), TestTensors.random(DType.F32, 100 + i, 3), i % 3 != 2));
        }
        SourceRef evil = new SourceRef("n\n" + PAYLOAD + "\r# \u202e", "Add\n" + PAYLOAD, "f\n" + PAYLOAD);
        Value acc = in.get(0);
        for (String p : PARAM_NAMES) acc = g.add(Op.ADD, List.of(acc, g.param(p)), Map.of(), evil, "sum").output();
        List<Value> outs = new ArrayList<>();
        outs.add(acc);
        for (int i = 1; i < in.size(); i++) {
            outs.add(g.add(Op.MUL, List.of(in.get(i), acc), Map.of(), evil, PAYLOAD).output());
        }
        for (int i = 0; i < OUTPUT_KEYS.size(); i++) g.setOutput(OUTPUT_KEYS.get(i), outs.get(i % outs.size()));
        return g;
    }

    @Test
    void hostileNamesStayInert(@TempDir Path tmp) throws Exception {
        Files.deleteIfExists(PWNED);
        Graph g = hostileGraph();
        TorchCheck check = new TorchCheck(g).options(ExportOptions.defaults()
                .withClassName("Evil(nn.Module):\n    pass\nimport os #").withHeader("src: " + PAYLOAD + "\n" + PAYLOAD));
        for (int i = 0; i < INPUT_KEYS.size(); i++) check.input(INPUT_KEYS.get(i), TestTensors.random(DType.F32, i, 2, 3));
        ExportResult r = check.reference("""
                def reference(inputs, w):
                    xs = list(inputs.values())
                    acc = xs[0]
                    for p in w.values():
                        acc = acc + p
                    outs = [acc] + [x * acc for x in xs[1:]]
                    return [outs[i % len(outs)] for i in range(10)]
                """).tolerance(1e-6, 1e-6).run(tmp);
        assertFalse(Files.exists(PWNED), "generated code ran the payload");
        assertEquals("EvilNnModulePassImportOs", r.className());
        assertEquals(OUTPUT_KEYS, r.outputKeys());
        assertEquals(INPUT_KEYS, r.inputKeys());
        for (String a : r.forwardArgs()) assertTrue(a.matches("[A-Za-z][A-Za-z0-9_]*"), a);
        assertEquals(INPUT_KEYS.size(), new HashSet<>(r.forwardArgs()).size());
        List<String> keys = new ArrayList<>();
        for (ExportResult.StateEntry e : r.stateDict()) keys.add(e.key());
        assertEquals(PARAM_NAMES.size(), new HashSet<>(keys).size(), keys.toString());
        for (String k : keys) {
            assertTrue(k.matches("[A-Za-z][A-Za-z0-9_]*"), k);
            assertFalse(PyNames.MODULE_ATTRIBUTES.contains(k), k);
        }
        String py = Files.readString(r.modelPy());
        for (String line : py.split("\n")) {
            String code = line.strip();
            int comment = code.indexOf("# ");
            String stmt = comment >= 0 ? code.substring(0, comment) : code;
            // Outside comments and string literals (the dict lines) no call of the payload may appear.
            if (!stmt.startsWith("\"")) assertFalse(stmt.contains("__import__("), line);
        }
    }
}
