package org.tf2torch.validation.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.validation.io.NdArray;

/**
 * The outputs of one PyTorch forward call, flattened in order, each with a name: the key for a {@code Dict[str,
 * Tensor]} result, {@code output} for a single tensor, {@code output_0}, {@code output_1}, ... for tuple and list
 * elements (nested ones as {@code output_0_1}).
 */
public record NamedOutputs(List<String> names, List<NdArray> values) {
    public NamedOutputs {
        if (names.size() != values.size()) throw new IllegalArgumentException("names and values differ in count");
        names = List.copyOf(names);
        values = List.copyOf(values);
    }

    public int size() { return values.size(); }

    public NdArray get(int i) { return values.get(i); }

    public NdArray get(String name) {
        int i = names.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no output '" + name + "'; outputs are " + names);
        return values.get(i);
    }

    /** Names to values, in output order. */
    public Map<String, NdArray> asMap() {
        Map<String, NdArray> m = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) m.put(names.get(i), values.get(i));
        return m;
    }

    static NamedOutputs positional(List<NdArray> values) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) names.add(values.size() == 1 ? "output" : "output_" + i);
        return new NamedOutputs(names, values);
    }
}
