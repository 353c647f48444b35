package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.fixtures.Fixture;

/**
 * A simple RNN as Keras writes its generic loop: a functional While over TensorLists. It converts to one Python
 * while loop that carries the dense output list, with the weights read from the layer module; a StatelessIf on a
 * run-time predicate after it becomes a where over both branches.
 */
class KerasZooRnnWhileTest {
    @TempDir
    Path tmp;

    @Test
    void functionalWhileOverTensorListsConvertsToOneLoop() throws Exception {
        String py = KerasZooSupport.convertAndValidate(Fixture.RNN_WHILE, tmp.resolve("out"));
        assertEquals(1, py.split("\n\\s*while bool\\(", -1).length - 1, py);
        assertTrue(py.contains("self.rnn.cell.recurrent_kernel"), py);
        assertTrue(py.contains("gate = torch.where("), "the StatelessIf selects between its branches\n" + py);
        assertEquals(List.of(), KerasZooSupport.transposesBetweenChannelsFirstOps(py));
        KerasZooSupport.assertGolden("rnn_while", py);
        // kernel [3,5] + recurrent_kernel [5,5] + bias [5], all trainable
        String json = Files.readString(tmp.resolve("out").resolve("conversion.json"), StandardCharsets.UTF_8);
        assertTrue(json.matches("(?s).*\"trainable_parameter_count\"\\s*:\\s*45\\b.*"), json);
    }
}
