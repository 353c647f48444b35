package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.fixtures.Fixture;

/**
 * The recurrent Keras-style fixtures: Keras's standard_lstm / standard_gru calls become nn.LSTM / nn.GRU (not
 * an unrolled loop of matmuls), the embedding lookup nn.Embedding, and the module trains exactly Keras's weights.
 */
class KerasZooRnnTest {
    @TempDir
    Path tmp;

    @Test
    void textClassifierUsesEmbeddingAndLstm() throws Exception {
        Path out = tmp.resolve("text");
        String py = KerasZooSupport.convertAndValidate(Fixture.TEXT_LSTM, out);
        for (String layer : List.of("self.embedding = nn.Embedding(20, 8)", "self.lstm = nn.LSTM(8, 16, batch_first=True)",
                "self.lstm.bias_hh_l0.requires_grad_(False)", "self.dense = nn.Linear(16, 4)",
                "= self.lstm(embedding_embedding_lookup)")) {
            assertTrue(py.contains(layer), "missing " + layer + " in\n" + py);
        }
        assertFalse(py.contains("torch.sigmoid"), "the LSTM was unrolled:\n" + py);
        assertEquals(List.of(), KerasZooSupport.transposesBetweenChannelsFirstOps(py));
        // Keras: embeddings 20*8, LSTM kernel 8*64 + recurrent 16*64 + bias 64, Dense 16*4 + 4
        assertEquals(160 + 512 + 1024 + 64 + 68, trainable(out));
        KerasZooSupport.assertGolden("text_lstm", py);
    }

    @Test
    void gruSequenceUsesGruAndLinearPerStep() throws Exception {
        Path out = tmp.resolve("gru");
        String py = KerasZooSupport.convertAndValidate(Fixture.GRU_SEQUENCE, out);
        for (String layer : List.of("self.gru = nn.GRU(4, 8, batch_first=True)", "self.dense = nn.Linear(8, 3)",
                "gru, gru_h = self.gru(x)", "self.dense(gru)")) {
            assertTrue(py.contains(layer), "missing " + layer + " in\n" + py);
        }
        assertFalse(py.contains("requires_grad_(False)"), "the GRU's two biases are both Keras's:\n" + py);
        assertEquals(List.of(), KerasZooSupport.transposesBetweenChannelsFirstOps(py));
        // Keras: GRU kernel 4*24 + recurrent 8*24 + bias 2*24, Dense 8*3 + 3
        assertEquals(96 + 192 + 48 + 27, trainable(out));
        KerasZooSupport.assertGolden("gru_sequence", py);
    }

    /** Elements of the parameters that require grad in model.py's module (Python with torch). */
    private long trainable(Path out) throws Exception {
        Path script = tmp.resolve("count.py");
        Files.writeString(script, String.join("\n",
                "import importlib.util, os, sys, torch",
                "spec = importlib.util.spec_from_file_location('m', os.path.join(sys.argv[1], 'model.py'))",
                "mod = importlib.util.module_from_spec(spec)",
                "spec.loader.exec_module(mod)",
                "cls = [v for v in vars(mod).values() if isinstance(v, type) and issubclass(v, torch.nn.Module)",
                "       and v.__module__ == 'm'][-1]",
                "print(sum(p.numel() for p in cls().parameters() if p.requires_grad))", ""), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(Corpus.python(), script.toString(), out.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        return Long.parseLong(text.strip());
    }
}
