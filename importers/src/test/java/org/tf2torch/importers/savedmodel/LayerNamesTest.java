package org.tf2torch.importers.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayerNamesTest {
    @Test
    void kerasWeightNamesGiveLayerPaths() {
        assertEquals(List.of("block1", "conv", "kernel"), LayerNames.path("block1/conv/kernel"));
        assertEquals(List.of("lstm", "lstm_cell", "recurrent_kernel"), LayerNames.path("lstm/lstm_cell/recurrent_kernel"));
    }

    @Test
    void otherNamesStayFlat() {
        assertEquals(List.of(), LayerNames.path("kernel"));
        assertEquals(List.of(), LayerNames.path("W"));
        assertEquals(List.of(), LayerNames.path("scope/weights"));
        assertEquals(List.of(), LayerNames.path("a//kernel"));
    }

    @Test
    void movingStatisticsAreNotTrainable() {
        assertFalse(LayerNames.trainableByName("bn/moving_mean"));
        assertFalse(LayerNames.trainableByName("bn/moving_variance"));
        assertTrue(LayerNames.trainableByName("bn/gamma"));
        assertTrue(LayerNames.trainableByName("counter"));
    }
}
