package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.fixtures.Fixture;
import org.tf2torch.ir.json.Json;

/**
 * The Keras-style transformer encoder block: EinsumDense projections as {@code nn.Linear}, both of Keras's
 * LayerNormalization forms as {@code nn.LayerNorm}, the gelu activation as {@code F.gelu}, Dense on rank-3 input
 * (tensordot) as {@code nn.Linear}; golden model.py.
 */
class KerasZooTransformerTest {
    /** Keras's trainable elements: q/k/v kernels [16,2,8] + biases [2,8], output [2,8,16] + [16], 2 x LN, 2 Dense. */
    private static final long TRAINABLE = 3 * (16 * 2 * 8 + 2 * 8) + (2 * 8 * 16 + 16) + 2 * (16 + 16)
            + (16 * 64 + 64) + (64 * 16 + 16);

    @TempDir
    Path tmp;

    @Test
    void transformerConvertsToNamedLayers() throws Exception {
        Path out = tmp.resolve("out");
        String py = KerasZooSupport.convertAndValidate(Fixture.TRANSFORMER, out);
        for (String layer : List.of("self.query = nn.Linear(16, 16)", "self.key = nn.Linear(16, 16)",
                "self.value = nn.Linear(16, 16)", "self.attention_output = nn.Linear(16, 16)",
                "self.ln1 = nn.LayerNorm(16, eps=1.0e-6)", "self.ln2 = nn.LayerNorm(16, eps=0.001)",
                "self.ffn1 = nn.Linear(16, 64)", "self.ffn2 = nn.Linear(64, 16)", "= F.gelu(",
                "torch.einsum(\"aecd,abcd->acbe\"", "F.softmax(")) {
            assertTrue(py.contains(layer), "missing " + layer + " in\n" + py);
        }
        // the attention weights are all layers' own; none is read functionally or frozen
        assertFalse(py.contains("nn.Parameter("), "a weight stayed functional:\n" + py);
        assertFalse(py.contains("register_buffer(\"const_"), "a weight became a constant:\n" + py);
        assertEquals(List.of(), KerasZooSupport.transposesBetweenChannelsFirstOps(py));

        Map<String, Object> cj = Json.parseObject(Files.readString(out.resolve("conversion.json"), StandardCharsets.UTF_8));
        assertEquals(TRAINABLE, ((Number) cj.get("trainable_parameter_count")).longValue());
        assertEquals(Long.toString(TRAINABLE), pythonTrainableCount(out), "requires_grad elements in model.py");
        KerasZooSupport.assertGolden("transformer", py);
    }

    private String pythonTrainableCount(Path out) throws Exception {
        Path script = tmp.resolve("count.py");
        Files.writeString(script, """
                import importlib.util, os, sys
                import torch
                spec = importlib.util.spec_from_file_location("m", os.path.join(sys.argv[1], "model.py"))
                mod = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(mod)
                cls = [v for k, v in vars(mod).items() if isinstance(v, type) and issubclass(v, torch.nn.Module)
                       and v.__module__ == "m"][-1]
                print(sum(p.numel() for p in cls().parameters() if p.requires_grad))
                """, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(Corpus.python(), script.toString(), out.toString()).redirectErrorStream(true)
                .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        return text.strip();
    }
}
