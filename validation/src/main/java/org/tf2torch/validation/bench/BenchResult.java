package org.tf2torch.validation.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Timings of TensorFlow and each PyTorch backend under the same threads, batch and run counts.
 *
 * @param threads     intra-op threads each side was given
 * @param batch       batch size of every call
 * @param warmup      untimed calls per side
 * @param runs        timed calls per side
 * @param sides       timings by side: {@link #TF} and backend names such as {@code torchscript-djl}
 * @param maxSlowdown {@code --max-slowdown}: the largest PyTorch/TF ratio that passes, or null for no gate
 */
public record BenchResult(int threads, long batch, int warmup, int runs, Map<String, Timings> sides,
        Double maxSlowdown) {
    public static final String TF = "tf";

    public BenchResult {
        sides = Collections.unmodifiableMap(new LinkedHashMap<>(sides));
        if (maxSlowdown != null && !(maxSlowdown > 0)) {
            throw new IllegalArgumentException("--max-slowdown must be > 0, got " + maxSlowdown);
        }
    }

    public Timings tf() { return sides.get(TF); }

    /**
     * PyTorch p50 over TF p50 per PyTorch side (above 1: PyTorch is slower). Medians rather than means, since one
     * stall from the garbage collector or the OS moves a mean of a few runs a lot and a median hardly at all.
     */
    public Map<String, Double> ratios() {
        Map<String, Double> out = new LinkedHashMap<>();
        Timings tf = tf();
        if (tf == null) return out;
        for (Map.Entry<String, Timings> e : sides.entrySet()) {
            if (!e.getKey().equals(TF)) out.put(e.getKey(), e.getValue().p50Ms() / tf.p50Ms());
        }
        return out;
    }

    /**
     * The gated sides whose ratio exceeds {@link #maxSlowdown()}; empty without a gate. Only the TorchScript
     * archive in libtorch is gated: it is what gets deployed, while eager Python pays interpreter overhead per op
     * that says nothing about the conversion.
     */
    public List<String> tooSlow() {
        List<String> out = new ArrayList<>();
        if (maxSlowdown == null) return out;
        for (Map.Entry<String, Double> r : ratios().entrySet()) {
            if (GATED.contains(r.getKey()) && r.getValue() > maxSlowdown) out.add(r.getKey());
        }
        return out;
    }

    static final java.util.Set<String> GATED = java.util.Set.of("torchscript-djl");

    public boolean slowdownExceeded() { return !tooSlow().isEmpty(); }
}
