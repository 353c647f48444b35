package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.fixtures.Fixture;

/** The plain Keras-style CNN fixture: layers by name, one layout change in and one out, golden model.py. */
class KerasZooCnnTest {
    @TempDir
    Path tmp;

    @Test
    void cnnConvertsToNamedLayers() throws Exception {
        String py = KerasZooSupport.convertAndValidate(Fixture.CNN, tmp.resolve("out"));
        for (String layer : List.of("self.conv2d = nn.Conv2d(1, 8", "self.batch_normalization = nn.BatchNorm2d(16",
                "self.dense = nn.Linear(2304, 10)")) {
            assertTrue(py.contains(layer), "missing " + layer + " in\n" + py);
        }
        assertEquals(List.of(), KerasZooSupport.transposesBetweenChannelsFirstOps(py));
        KerasZooSupport.assertGolden("cnn", py);
    }
}
