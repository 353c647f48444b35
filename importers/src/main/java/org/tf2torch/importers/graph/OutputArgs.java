package org.tf2torch.importers.graph;

import java.util.List;
import java.util.Map;

/**
 * Inside a function body TF names tensors {@code node:output_arg:index}. Flat output positions depend on the
 * op's output argument list, which lives in TF's op registry (native code we do not load); this table holds
 * the ops whose outputs are split over several named arguments. Any other op has a single output argument.
 */
final class OutputArgs {
    private static final List<String> BN = List.of("y", "batch_mean", "batch_variance", "reserve_space_1",
            "reserve_space_2", "reserve_space_3");
    private static final List<String> LSTM = List.of("i", "cs", "f", "o", "ci", "co", "h");
    private static final Map<String, List<String>> MULTI = Map.ofEntries(
            Map.entry("FusedBatchNorm", BN), Map.entry("FusedBatchNormV2", BN), Map.entry("FusedBatchNormV3", BN),
            Map.entry("Unique", List.of("y", "idx")), Map.entry("UniqueV2", List.of("y", "idx")),
            Map.entry("UniqueWithCounts", List.of("y", "idx", "count")),
            Map.entry("TopKV2", List.of("values", "indices")), Map.entry("TopK", List.of("values", "indices")),
            Map.entry("LSTMBlockCell", LSTM), Map.entry("BlockLSTM", LSTM), Map.entry("BlockLSTMV2", LSTM),
            Map.entry("GRUBlockCell", List.of("r", "u", "c", "h")),
            Map.entry("Svd", List.of("s", "u", "v")), Map.entry("Qr", List.of("q", "r")),
            Map.entry("MaxPoolWithArgmax", List.of("output", "argmax")),
            Map.entry("BroadcastGradientArgs", List.of("r0", "r1")),
            Map.entry("TensorListPopBack", List.of("output_handle", "tensor")),
            Map.entry("ParseExampleV2", List.of("sparse_indices", "sparse_values", "sparse_shapes", "dense_values",
                    "ragged_values", "ragged_row_splits")));

    private OutputArgs() {}

    /** Flat output index of {@code arg:index} for an op; -1 when the argument name is not known for it. */
    static int flatIndex(String op, String arg, int index) {
        List<String> args = MULTI.get(op);
        if (args == null) return index;
        int pos = args.indexOf(arg);
        return pos < 0 ? -1 : pos + index;
    }
}
