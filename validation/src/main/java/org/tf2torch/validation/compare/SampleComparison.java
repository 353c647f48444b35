package org.tf2torch.validation.compare;

import java.util.List;

/** Every output of one backend on one input sample (0-based {@code sample}). */
public record SampleComparison(int sample, List<OutputComparison> outputs) {
    public SampleComparison {
        outputs = List.copyOf(outputs);
    }

    public boolean passed() {
        return outputs.stream().allMatch(OutputComparison::passed);
    }
}
