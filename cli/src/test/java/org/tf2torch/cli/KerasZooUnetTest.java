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
 * The UNet fixture: Conv2D and Conv2DTranspose layers become nn.Conv2d / nn.ConvTranspose2d, the skip
 * concatenations stay channels-first (no layout round trip around them), and every Keras variable is a trainable
 * parameter.
 */
class KerasZooUnetTest {
    /** Kernel and bias sizes of the fixture's layers: 3x3 convs, the 2x2 and 3x3 transposed ones, the 1x1 head. */
    private static final long TRAINABLE = conv(3, 3, 8) + conv(3, 8, 8) + conv(3, 8, 16) + conv(3, 16, 16)
            + conv(3, 16, 32) + conv(3, 32, 32) + conv(2, 32, 16) + conv(3, 32, 16) + conv(3, 16, 16)
            + conv(3, 16, 8) + conv(3, 16, 8) + conv(3, 8, 8) + conv(1, 8, 4);

    @TempDir
    Path tmp;

    private static long conv(long k, long in, long out) { return k * k * in * out + out; }

    @Test
    void unetConvertsToNamedConvolutionLayers() throws Exception {
        Path out = tmp.resolve("out");
        String py = KerasZooSupport.convertAndValidate(Fixture.UNET, out);
        for (String layer : List.of("self.conv1 = nn.Conv2d(3, 8, kernel_size=(3, 3), padding=(1, 1))",
                "self.conv2 = nn.Conv2d(32, 32, kernel_size=(3, 3), padding=(1, 1))",
                "self.up1 = nn.ConvTranspose2d(32, 16, kernel_size=(2, 2), stride=(2, 2))",
                "self.up2 = nn.ConvTranspose2d(16, 8, kernel_size=(3, 3), stride=(2, 2))",
                "self.head = nn.Conv2d(8, 4, kernel_size=(1, 1))", "self.enc1 = Enc1()", "torch.cat(")) {
            assertTrue(py.contains(layer), "missing " + layer + " in\n" + py);
        }
        assertFalse(py.contains("F.conv"), "a convolution stayed functional:\n" + py);
        assertEquals(List.of(), KerasZooSupport.transposesBetweenChannelsFirstOps(py));
        assertEquals(2, py.split("\\.permute\\(", -1).length - 1, "one layout change in, one out:\n" + py);
        assertEquals(Long.toString(TRAINABLE), trainableInPython(out), "trainable elements");
        KerasZooSupport.assertGolden("unet", py);
    }

    private String trainableInPython(Path out) throws Exception {
        Path script = tmp.resolve("count.py");
        Files.writeString(script, KerasStructureTest.COUNT, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(Corpus.python(), script.toString(), out.toString()).redirectErrorStream(true)
                .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        return text.strip();
    }
}
