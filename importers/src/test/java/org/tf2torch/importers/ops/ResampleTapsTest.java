package org.tf2torch.importers.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The per-axis taps ResampleOps computes from TF's resizer arithmetic. */
class ResampleTapsTest {
    @Test
    void legacyCubicAtSameSizeCopiesEachPixel() {
        ResampleOps.Taps t = ResampleOps.cubic(5, 5, false, false);
        for (int o = 0; o < 5; o++) {
            assertArrayEquals(new float[] {0f, 1f, 0f, 0f}, t.weight()[o], 1e-7f);
            assertEquals(o, t.index()[o][1]);
        }
        // Taps beyond the image are clamped to the border (TF's Bound), keeping their weight.
        assertArrayEquals(new long[] {0, 0, 1, 2}, t.index()[0]);
        assertArrayEquals(new long[] {3, 4, 4, 4}, t.index()[4]);
    }

    @Test
    void keysCubicDropsOutsideTapsAndRenormalizes() {
        ResampleOps.Taps t = ResampleOps.cubic(4, 8, false, true);
        // Output 0 samples at (0.5 * 0.5) - 0.5 = -0.25: floor -1, so taps -2 and -1 lie outside.
        assertEquals(0f, t.weight()[0][0]);
        assertEquals(0f, t.weight()[0][1]);
        float sum = 0;
        for (float w : t.weight()[0]) sum += w;
        assertEquals(1f, sum, 1e-6f);
        // The table is sampled at 1/1024 steps: delta 0.75 is entry 768 exactly, Keys' kernel at 0.25 and 0.75.
        float[] table = ResampleOps.cubicTable(-0.5);
        assertEquals((float) ((1.5 * 0.75 - 2.5) * 0.75 * 0.75 + 1), table[768 * 2], 0f);
    }

    @Test
    void areaCoversTheSourceSpanOfEachOutput() {
        // TF's own example: 4 → 3, out[0] = in[0] + in[1] / 3, out[1] = 2/3 in[1] + 2/3 in[2].
        ResampleOps.Taps t = ResampleOps.area(4, 3, ResampleOps.scale(4, 3, false));
        assertArrayEquals(new long[] {0, 1}, t.index()[0]);
        assertArrayEquals(new float[] {1f, 1f / 3}, t.weight()[0], 1e-6f);
        assertArrayEquals(new long[] {1, 2}, t.index()[1]);
        assertArrayEquals(new float[] {2f / 3, 2f / 3}, t.weight()[1], 1e-6f);
    }

    @Test
    void legacyBilinearLerpsFloorAndCeil() {
        ResampleOps.Taps t = ResampleOps.linear(5, 9, false, false);
        // 3 * 5/9 = 1.6667: between pixels 1 and 2, two thirds of the way.
        assertArrayEquals(new long[] {1, 2}, t.index()[3]);
        assertEquals(2f / 3, t.weight()[3][1], 1e-6f);
        assertArrayEquals(new long[] {4, 4}, t.index()[8]);
    }
}
