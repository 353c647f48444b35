package org.tf2torch.validation.inputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tf2torch.ir.DType;
import org.tf2torch.validation.io.NdArray;

class BatchRoundsTest {
    private static final List<InputSpec> SPECS = List.of(InputSpec.of("x", DType.F32, -1, -1, 3),
            InputSpec.of("ids", DType.I64, -1), InputSpec.of("w", DType.F32, 5));

    @Test
    void aDynamicBatchRunsAtTheDefaultAndOneMore() {
        BatchRounds.Generated g = BatchRounds.generate(SPECS, InputOptions.defaults(), List.of(), 3);
        assertEquals(4, g.samples().size());
        assertArrayEquals(new long[] {2, 4, 3}, g.samples().get(2).get("x").shape());
        Map<String, NdArray> last = g.samples().get(3);
        assertArrayEquals(new long[] {3, 4, 3}, last.get("x").shape());
        assertArrayEquals(new long[] {3}, last.get("ids").shape());
        assertArrayEquals(new long[] {5}, last.get("w").shape());
        assertEquals(List.of("batch 2", "batch 3"), g.info().rounds().stream().map(InputsInfo.Round::label).toList());
        assertEquals("batch 3", g.info().roundOf(3).label());
        // The user's dims only: the rounds' own sizes are not reported as given.
        assertTrue(g.info().dims().isEmpty(), g.info().dims().toString());
        // Each sample has its own values, also across rounds.
        assertNotEquals(g.samples().get(0).get("w"), last.get("w"));
    }

    @Test
    void theUsersBatchIsTheFirstSizeAndBatchSizesOverrideIt() {
        InputOptions four = InputOptions.defaults().withDims(Map.of("batch", 4L));
        BatchRounds.Generated g = BatchRounds.generate(SPECS, four, List.of(), 1);
        assertArrayEquals(new long[] {5, 4, 3}, g.samples().get(1).get("x").shape());
        g = BatchRounds.generate(SPECS, four, List.of(7L, 1L, 9L), 2);
        assertEquals(4, g.samples().size());
        assertArrayEquals(new long[] {7}, g.samples().get(1).get("ids").shape());
        assertArrayEquals(new long[] {1, 4, 3}, g.samples().get(2).get("x").shape());
        assertArrayEquals(new long[] {9, 4, 3}, g.samples().get(3).get("x").shape());
        assertThrows(InputException.class, () -> BatchRounds.generate(SPECS, four, List.of(0L), 1));
    }

    @Test
    void staticInputsRunOnce() {
        BatchRounds.Generated g = BatchRounds.generate(List.of(InputSpec.of("w", DType.F32, 5)),
                InputOptions.defaults(), List.of(), 2);
        assertEquals(2, g.samples().size());
        assertTrue(g.info().rounds().isEmpty());
    }
}
