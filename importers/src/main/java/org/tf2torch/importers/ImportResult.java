package org.tf2torch.importers;

import java.util.List;
import java.util.Map;
import org.tf2torch.ir.Graph;

/**
 * A translated model: the IR graph plus where it came from. {@code tfOpHistogram} counts the TF ops that
 * were translated (what the signature needs, after inlining), for reports. With {@code channelsFirst} the
 * rank-4 inputs and outputs are NCHW permutations of TF's NHWC tensors. {@code warnings} are the import
 * report's caveats about nodes that were converted (printed by {@code convert}, kept in conversion.json).
 */
public record ImportResult(Graph graph, String format, String source, String tag, String signature,
                           Map<String, String> inputTensors, Map<String, String> outputTensors,
                           Map<String, Integer> tfOpHistogram, boolean channelsFirst, List<String> warnings) {
    public ImportResult {
        warnings = List.copyOf(warnings);
    }

    /** Without warnings. */
    public ImportResult(Graph graph, String format, String source, String tag, String signature,
                        Map<String, String> inputTensors, Map<String, String> outputTensors,
                        Map<String, Integer> tfOpHistogram, boolean channelsFirst) {
        this(graph, format, source, tag, signature, inputTensors, outputTensors, tfOpHistogram, channelsFirst,
                List.of());
    }
}
