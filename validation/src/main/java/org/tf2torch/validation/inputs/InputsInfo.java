package org.tf2torch.validation.inputs;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tf2torch.ir.DType;

/**
 * Where a run's inputs came from, in enough detail to make them again: what reports print under "inputs".
 *
 * @param source       {@link #RANDOM} or {@link #FILE}
 * @param file         the file or directory read, or null for random inputs
 * @param seed         base seed of random inputs, or null
 * @param samples      how many input sets were fed
 * @param distribution floating distribution of random inputs, or null
 * @param intRange     integer range of random inputs, or null
 * @param dims         sizes the user gave for dynamic dimensions
 * @param tensors      each input with its declared and fed shape (of the first round when there are several)
 * @param rounds       the input sizes fed, when a dynamic batch dim was run at more than one; else empty
 */
public record InputsInfo(String source, String file, Long seed, int samples, String distribution, IntRange intRange,
        Map<String, Long> dims, List<Tensor> tensors, List<Round> rounds) {
    public static final String RANDOM = "random";
    public static final String FILE = "file";

    public InputsInfo {
        dims = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dims)); // keeps the user's order
        tensors = List.copyOf(tensors);
        rounds = List.copyOf(rounds);
    }

    /** A run at one set of sizes. */
    public InputsInfo(String source, String file, Long seed, int samples, String distribution, IntRange intRange,
            Map<String, Long> dims, List<Tensor> tensors) {
        this(source, file, seed, samples, distribution, intRange, dims, tensors, List.of());
    }

    /** The round sample {@code index} belongs to, or null with a single round. */
    public Round roundOf(int index) {
        for (Round r : rounds) if (index >= r.firstSample() && index < r.firstSample() + r.samples()) return r;
        return null;
    }

    /**
     * Samples fed at one set of sizes.
     *
     * @param label       what differs between rounds, e.g. {@code batch 3}
     * @param firstSample index of its first sample
     * @param samples     how many samples it has
     * @param tensors     each input's fed shape in this round
     */
    public record Round(String label, int firstSample, int samples, List<Tensor> tensors) {
        public Round {
            tensors = List.copyOf(tensors);
        }
    }

    /**
     * One input.
     *
     * @param declaredShape the signature's shape in IR text form ({@code [batch,28,28]})
     * @param shape         the concrete shape fed
     */
    public record Tensor(String name, DType dtype, String declaredShape, long[] shape) {
        public Tensor {
            shape = shape.clone();
        }

        @Override
        public long[] shape() { return shape.clone(); }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tensor t && name.equals(t.name) && dtype == t.dtype
                    && declaredShape.equals(t.declaredShape) && Arrays.equals(shape, t.shape);
        }

        @Override
        public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(shape); }
    }
}
