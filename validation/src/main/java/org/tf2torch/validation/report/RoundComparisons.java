package org.tf2torch.validation.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.validation.compare.BackendResult;
import org.tf2torch.validation.compare.OutputComparison;
import org.tf2torch.validation.compare.SampleComparison;
import org.tf2torch.validation.inputs.InputsInfo;

/**
 * A backend's comparisons merged per output and, when inputs were fed at several batch sizes, per round: a
 * model that only works at one size shows which size failed instead of one merged row.
 */
final class RoundComparisons {
    private RoundComparisons() {}

    /** @param round the round's label, or null when there was one round */
    record Row(String round, OutputComparison comparison) {}

    static List<Row> rows(InputsInfo inputs, BackendResult b) {
        List<Row> out = new ArrayList<>();
        if (inputs == null || inputs.rounds().isEmpty()) {
            for (OutputComparison c : b.outputs()) out.add(new Row(null, c));
            return out;
        }
        // Output order first, then rounds, so each output's sizes sit together.
        Map<String, Map<String, List<OutputComparison>>> byOutput = new LinkedHashMap<>();
        for (SampleComparison s : b.samples()) {
            InputsInfo.Round r = inputs.roundOf(s.sample());
            String label = r == null ? "?" : r.label();
            for (OutputComparison c : s.outputs()) {
                byOutput.computeIfAbsent(c.name(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(label, k -> new ArrayList<>()).add(c);
            }
        }
        for (Map<String, List<OutputComparison>> rounds : byOutput.values()) {
            for (Map.Entry<String, List<OutputComparison>> e : rounds.entrySet()) {
                out.add(new Row(e.getKey(), OutputComparison.merge(e.getValue())));
            }
        }
        return out;
    }
}
