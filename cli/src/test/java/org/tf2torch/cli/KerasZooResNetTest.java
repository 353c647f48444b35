package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.fixtures.Fixture;
import org.tf2torch.ir.json.Json;

/** The Keras-style ResNet fixture: conv/BN/Linear layers by name, residual adds without layout round trips. */
class KerasZooResNetTest {
    @TempDir
    Path tmp;

    @Test
    void resNetConvertsToNamedLayers() throws Exception {
        Path out = tmp.resolve("out");
        String py = KerasZooSupport.convertAndValidate(Fixture.RESNET, out);
        for (String layer : List.of("self.conv = nn.Conv2d(3, 8, kernel_size=(3, 3), padding=(1, 1), bias=False)",
                "self.bn = nn.BatchNorm2d(8, eps=0.001)", "self.conv1 = nn.Conv2d(8, 16, kernel_size=(3, 3), stride=(2, 2)",
                "self.bn2 = nn.BatchNorm2d(16", "self.conv = nn.Conv2d(8, 16, kernel_size=(1, 1), stride=(2, 2)",
                "self.dense = nn.Linear(16, 10)", "self.stage2.block1.shortcut.bn(")) {
            assertTrue(py.contains(layer), "missing " + layer + " in\n" + py);
        }
        assertEquals(List.of(), KerasZooSupport.transposesBetweenChannelsFirstOps(py));
        // Keras counts kernels, BN gamma and beta, and the Dense layer; BN moving statistics are buffers.
        long keras = 3 * 3 * 3 * 8 + 2 * 8
                + 2 * (3 * 3 * 8 * 8 + 2 * 8)
                + 3 * 3 * 8 * 16 + 3 * 3 * 16 * 16 + 8 * 16 + 3 * (2 * 16)
                + 16 * 10 + 10;
        assertEquals(keras, trainableCount(out));
        KerasZooSupport.assertGolden("resnet", py);
    }

    static long trainableCount(Path out) throws Exception {
        Map<String, Object> manifest = Json.parseObject(
                Files.readString(out.resolve("conversion.json"), StandardCharsets.UTF_8));
        return ((Number) manifest.get("trainable_parameter_count")).longValue();
    }
}
