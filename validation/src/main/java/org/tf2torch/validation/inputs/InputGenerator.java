package org.tf2torch.validation.inputs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.Dim;
import org.tf2torch.ir.Shape;
import org.tf2torch.ir.TensorValues;
import org.tf2torch.validation.io.NdArray;

/**
 * Seeded random inputs for a signature. Sample {@code k} of input {@code x} depends only on the base seed, {@code k}
 * and the name {@code x}, so adding an input or a sample never changes the others.
 *
 * <p>A dynamic dimension at axis {@code i} of input {@code x} gets the first size found among:
 * <ol>
 *   <li>{@code dims["x:i"]}, for dimensions no symbol names;</li>
 *   <li>for a symbolic dimension {@code s}: {@code dims[s]}, else {@value #DEFAULT_BATCH} for {@code batch} and
 *       {@value #DEFAULT_DIM} for any other symbol;</li>
 *   <li>for an unknown dimension at axis 0: {@code dims["batch"]}, else {@value #DEFAULT_BATCH}, because TF
 *       signatures leave the batch axis unnamed;</li>
 *   <li>{@value #DEFAULT_DIM}.</li>
 * </ol>
 * The batch default is 2, not 1, so that a model mixing up the batch axis with another fails instead of
 * broadcasting; other dims default to 4 to stay cheap while still being distinct from the batch.
 *
 * <p>Values: floats per {@link InputOptions.Distribution} (rounded to nearest for f16/bf16), integers uniform in the
 * {@link IntRange} (narrowed to the type), booleans fair coin flips.
 */
public final class InputGenerator {
    public static final String BATCH = "batch";
    public static final long DEFAULT_BATCH = 2;
    public static final long DEFAULT_DIM = 4;

    private final List<InputSpec> specs;
    private final InputOptions options;
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final Set<String> usedDims = new LinkedHashSet<>();

    public InputGenerator(List<InputSpec> specs, InputOptions options) {
        this.specs = List.copyOf(specs);
        this.options = options;
        for (InputSpec s : this.specs) {
            if (s.dtype() == null) {
                throw new InputException("input " + s.name() + " has a type tf2torch cannot generate; give its values"
                        + " with --inputs");
            }
            // An input of unknown rank gets a vector of the default batch size (dims["name:0"] overrides it);
            // --inputs gives any other shape.
            long[] shape = s.shape().hasRank() ? resolve(s)
                    : new long[] {options.dims().getOrDefault(s.name() + ":0", DEFAULT_BATCH)};
            if (shapes.put(s.name(), shape) != null) throw new InputException("input " + s.name() + " twice");
        }
    }

    public List<InputSpec> specs() { return specs; }

    public InputOptions options() { return options; }

    /** The concrete shape every sample of {@code input} has. */
    public long[] shapeOf(String input) {
        long[] s = shapes.get(input);
        if (s == null) throw new IllegalArgumentException("no input '" + input + "'; inputs are " + shapes.keySet());
        return s.clone();
    }

    /**
     * Keys of {@link InputOptions#dims()} no dimension used: usually a typo worth a warning. {@code batch} counts as
     * used whenever it sized something, also through the axis-0 rule.
     */
    public Set<String> unusedDims() {
        Set<String> unused = new LinkedHashSet<>(options.dims().keySet());
        unused.removeAll(usedDims);
        return Collections.unmodifiableSet(unused);
    }

    /** Sample {@code index} (0-based), one array per input in signature order. */
    public Map<String, NdArray> sample(int index) {
        if (index < 0) throw new IllegalArgumentException("negative sample index " + index);
        Map<String, NdArray> out = new LinkedHashMap<>();
        for (InputSpec s : specs) out.put(s.name(), generate(s, shapes.get(s.name()), streamSeed(index, s.name())));
        return out;
    }

    public List<Map<String, NdArray>> samples(int count) {
        List<Map<String, NdArray>> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(sample(i));
        return out;
    }

    public InputsInfo describe(int samples) {
        List<InputsInfo.Tensor> tensors = new ArrayList<>();
        for (InputSpec s : specs) {
            tensors.add(new InputsInfo.Tensor(s.name(), s.dtype(), s.shape().toString(), shapes.get(s.name())));
        }
        return new InputsInfo(InputsInfo.RANDOM, null, options.seed(), samples,
                options.distribution().name().toLowerCase(java.util.Locale.ROOT), options.intRange(),
                options.dims(), tensors);
    }

    private long[] resolve(InputSpec s) {
        Shape shape = s.shape();
        long[] out = new long[shape.rank()];
        for (int i = 0; i < out.length; i++) out[i] = size(s.name(), i, shape.dim(i));
        return out;
    }

    private long size(String input, int axis, Dim d) {
        if (d.isStatic()) return d.size();
        Long v = lookup(input + ":" + axis);
        if (v != null) return v;
        if (d.isSymbolic()) {
            v = lookup(d.symbolName());
            if (v != null) return v;
            return d.symbolName().equals(BATCH) ? DEFAULT_BATCH : DEFAULT_DIM;
        }
        if (axis == 0) {
            v = lookup(BATCH);
            return v != null ? v : DEFAULT_BATCH;
        }
        return DEFAULT_DIM;
    }

    private Long lookup(String key) {
        Long v = options.dims().get(key);
        if (v != null) usedDims.add(key);
        return v;
    }

    private long streamSeed(int sample, String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a over UTF-8, so the stream depends on no JDK hash
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) h = (h ^ (b & 0xff)) * 0x100000001b3L;
        return SplitMix64.mix(SplitMix64.mix(options.seed() ^ SplitMix64.mix(sample + 1L)) ^ h);
    }

    private NdArray generate(InputSpec s, long[] shape, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        long count = 1;
        for (long d : shape) count = Math.multiplyExact(count, d);
        int n = Math.toIntExact(count);
        DType t = s.dtype();
        if (t.isFloating()) {
            double[] v = new double[n];
            boolean normal = options.distribution() == InputOptions.Distribution.NORMAL;
            for (int i = 0; i < n; i++) v[i] = normal ? rng.nextGaussian() : 2 * rng.nextDouble() - 1;
            return NdArray.fromTensor(TensorValues.ofDoubles(t, Shape.of(shape), v));
        }
        long[] v = new long[n];
        if (t == DType.BOOL) {
            for (int i = 0; i < n; i++) v[i] = rng.nextBoolean() ? 1 : 0;
        } else {
            IntRange r = options.intRange().clampTo(t);
            long span = r.high() - r.low(); // may wrap to a negative number: nextUnsigned reads it unsigned
            for (int i = 0; i < n; i++) v[i] = r.low() + rng.nextUnsigned(span);
        }
        return NdArray.fromTensor(TensorValues.ofLongs(t, Shape.of(shape), v));
    }
}
