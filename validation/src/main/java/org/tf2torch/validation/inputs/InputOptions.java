package org.tf2torch.validation.inputs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How random inputs are made.
 *
 * @param seed         base seed; every sample and input derives its own stream from it
 * @param dims         sizes for dynamic dimensions: a symbol ({@code batch}, {@code seq}) or {@code input:axis} for an
 *                     unnamed one (see {@link InputGenerator} for the lookup order)
 * @param intRange     values for integer inputs
 * @param distribution values for floating inputs
 */
public record InputOptions(long seed, Map<String, Long> dims, IntRange intRange, Distribution distribution) {
    /** Floating inputs. */
    public enum Distribution {
        /**
         * Standard normal N(0, 1): the scale activations have after normalization, with occasional values beyond
         * +-2 that reach the saturating and clipping ranges of activations.
         */
        NORMAL,
        /** Uniform on [-1, 1): bounded, for models that blow up (exp, reciprocal) on the normal tails. */
        UNIFORM
    }

    public InputOptions {
        Objects.requireNonNull(intRange, "intRange");
        Objects.requireNonNull(distribution, "distribution");
        Map<String, Long> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : dims.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0) {
                throw new InputException("dimension " + e.getKey() + " needs a size >= 0, got " + e.getValue());
            }
            copy.put(e.getKey(), e.getValue());
        }
        dims = Collections.unmodifiableMap(copy);
    }

    /** Seed 0, default dimension sizes, {@link IntRange#DEFAULT}, normal floats. */
    public static InputOptions defaults() {
        return new InputOptions(0, Map.of(), IntRange.DEFAULT, Distribution.NORMAL);
    }

    public InputOptions withSeed(long s) { return new InputOptions(s, dims, intRange, distribution); }

    public InputOptions withDims(Map<String, Long> d) { return new InputOptions(seed, d, intRange, distribution); }

    public InputOptions withIntRange(IntRange r) { return new InputOptions(seed, dims, r, distribution); }

    public InputOptions withDistribution(Distribution d) { return new InputOptions(seed, dims, intRange, d); }

    /**
     * Parses {@code --dim} values such as {@code batch=4} or {@code tokens:1=128}; the last {@code =} splits, since
     * names never end in one and may contain other punctuation.
     */
    public static Map<String, Long> parseDims(List<String> specs) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String s : specs) {
            int eq = s.lastIndexOf('=');
            if (eq <= 0) throw new InputException("dimension '" + s + "' is not NAME=SIZE, e.g. batch=4");
            String key = s.substring(0, eq).trim();
            long size;
            try {
                size = Long.parseLong(s.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new InputException("dimension '" + s + "' has no integer size");
            }
            if (size < 0) throw new InputException("dimension '" + s + "' has a negative size");
            if (out.put(key, size) != null) throw new InputException("dimension " + key + " is given twice");
        }
        return out;
    }
}
