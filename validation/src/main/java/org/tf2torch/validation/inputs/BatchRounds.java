package org.tf2torch.validation.inputs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tf2torch.validation.io.NdArray;

/**
 * Random inputs at several batch sizes. A module that only works at the size it was traced at (a reshape baked
 * to batch 2, say) passes a run at that size; a second size catches it. Where some input's first dim is dynamic,
 * the first round feeds the usual sizes ({@link InputGenerator}) for all samples, and every further round one
 * more sample with that first dim changed: to each of the given batch sizes, or, by default, one more than the
 * first round's. Other dims keep their sizes, since a dynamic length may carry constraints (a multiple of a
 * stride) that only the user knows; {@code --dim} sets them.
 */
public final class BatchRounds {
    private BatchRounds() {}

    /** The samples of all rounds, in order, and what each round fed. */
    public record Generated(List<Map<String, NdArray>> samples, InputsInfo info) {}

    /**
     * @param sizes   batch sizes to run, one round each; empty for the default (first round as the options say,
     *                then one more)
     * @param samples samples of the first round; later rounds have one each
     */
    public static Generated generate(List<InputSpec> specs, InputOptions options, List<Long> sizes, int samples) {
        List<InputSpec> batched = new ArrayList<>();
        for (InputSpec s : specs) {
            if (s.shape().hasRank() && s.shape().rank() > 0 && !s.shape().dim(0).isStatic()) batched.add(s);
        }
        List<InputOptions> rounds = new ArrayList<>();
        if (batched.isEmpty()) {
            rounds.add(options);
        } else if (sizes.isEmpty()) {
            InputGenerator first = new InputGenerator(specs, options);
            rounds.add(options);
            Map<String, Long> next = new LinkedHashMap<>(options.dims());
            for (InputSpec s : batched) next.put(s.name() + ":0", first.shapeOf(s.name())[0] + 1);
            rounds.add(options.withDims(next));
        } else {
            for (long b : sizes) {
                if (b < 1) throw new InputException("batch sizes must be at least 1, got " + b);
                Map<String, Long> d = new LinkedHashMap<>(options.dims());
                for (InputSpec s : batched) d.put(s.name() + ":0", b);
                rounds.add(options.withDims(d));
            }
        }
        List<Map<String, NdArray>> out = new ArrayList<>();
        List<InputsInfo.Round> described = new ArrayList<>();
        InputsInfo info = null;
        for (int r = 0; r < rounds.size(); r++) {
            InputGenerator gen = new InputGenerator(specs, rounds.get(r));
            int count = r == 0 ? samples : 1;
            int from = out.size();
            // Sample indices run on across rounds, so each round's values come from streams of their own.
            for (int i = 0; i < count; i++) out.add(gen.sample(from + i));
            InputsInfo d = gen.describe(count);
            if (info == null) info = d;
            String label = batched.isEmpty() ? "all" : "batch " + gen.shapeOf(batched.get(0).name())[0];
            described.add(new InputsInfo.Round(label, from, count, d.tensors()));
        }
        // The user's dims, not a round's added ones, are what the report lists as given.
        InputsInfo all = new InputsInfo(info.source(), info.file(), info.seed(), out.size(), info.distribution(),
                info.intRange(), options.dims(), info.tensors(), described.size() > 1 ? described : List.of());
        return new Generated(out, all);
    }
}
