package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.fixtures.Fixture;

/**
 * The Keras-style MobileNetV2 fixture: DepthwiseConv2D as a grouped {@code nn.Conv2d}, SeparableConv2D as a
 * depthwise and a pointwise {@code nn.Conv2d}, ReLU6 and residual adds without layout round trips.
 */
class KerasZooMobileNetTest {
    @TempDir
    Path tmp;

    @Test
    void mobileNetConvertsToNamedLayers() throws Exception {
        Path out = tmp.resolve("out");
        String py = KerasZooSupport.convertAndValidate(Fixture.MOBILENET, out);
        for (String layer : List.of("self.expand = nn.Conv2d(16, 48, kernel_size=(1, 1), bias=False)",
                "self.depthwise = nn.Conv2d(48, 48, kernel_size=(3, 3), padding=(1, 1), groups=48, bias=False)",
                "self.depthwise = nn.Conv2d(48, 48, kernel_size=(3, 3), stride=(2, 2), groups=48, bias=False)",
                "self.depthwise_bn = nn.BatchNorm2d(48, eps=0.001)",
                "self.depthwise = nn.Conv2d(24, 24, kernel_size=(3, 3), padding=(1, 1), groups=24, bias=False)",
                "self.pointwise = nn.Conv2d(24, 32, kernel_size=(1, 1))", "self.dense = nn.Linear(32, 10)",
                "self.head.separable.pointwise(")) {
            assertTrue(py.contains(layer), "missing " + layer + " in\n" + py);
        }
        assertEquals(List.of(), KerasZooSupport.transposesBetweenChannelsFirstOps(py));
        long block16 = 16 * 48 + 2 * 48 + 3 * 3 * 48 + 2 * 48;
        long keras = 3 * 3 * 3 * 16 + 2 * 16
                + block16 + 48 * 16 + 2 * 16
                + block16 + 48 * 24 + 2 * 24
                + 24 * 72 + 2 * 72 + 3 * 3 * 72 + 2 * 72 + 72 * 24 + 2 * 24
                + 3 * 3 * 24 + 24 * 32 + 32
                + 32 * 10 + 10;
        assertEquals(keras, KerasZooResNetTest.trainableCount(out));
        KerasZooSupport.assertGolden("mobilenet", py);
    }
}
