package org.tf2torch.validation.compare;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tf2torch.ir.DType;

/**
 * Tolerances per element type, with optional per-output overrides. The floating defaults are loose enough for a
 * different summation order (TF's and libtorch's kernels never add in the same order, and errors grow with the
 * depth of a model) yet tight enough to catch a wrong epsilon, padding or layout; integers and booleans must match
 * exactly, since any difference there is a real bug.
 */
public final class Tolerances {
    private final Map<DType, Tolerance> byDType;
    private final Map<String, Tolerance> byOutput;

    private Tolerances(Map<DType, Tolerance> byDType, Map<String, Tolerance> byOutput) {
        this.byDType = Collections.unmodifiableMap(new EnumMap<>(byDType));
        this.byOutput = Collections.unmodifiableMap(new LinkedHashMap<>(byOutput));
    }

    /** f16/bf16 rtol 1e-2 atol 1e-3; f32 rtol 1e-4 atol 1e-5; f64 rtol 1e-6 atol 1e-7; integers and bool exact. */
    public static Tolerances defaults() {
        Map<DType, Tolerance> m = new EnumMap<>(DType.class);
        for (DType t : DType.values()) m.put(t, Tolerance.EXACT);
        m.put(DType.F16, new Tolerance(1e-2, 1e-3));
        m.put(DType.BF16, new Tolerance(1e-2, 1e-3));
        m.put(DType.F32, new Tolerance(1e-4, 1e-5));
        m.put(DType.F64, new Tolerance(1e-6, 1e-7));
        return new Tolerances(m, Map.of());
    }

    public Tolerance forDType(DType t) { return byDType.get(t); }

    /** The tolerance for {@code output}, whose reference (TensorFlow) type is {@code expected}. */
    public Tolerance forOutput(String output, DType expected) {
        Tolerance t = byOutput.get(output);
        return t != null ? t : byDType.get(expected);
    }

    public Tolerances with(DType t, Tolerance tol) {
        Map<DType, Tolerance> m = new EnumMap<>(byDType);
        m.put(t, tol);
        return new Tolerances(m, byOutput);
    }

    /**
     * {@code --rtol} / {@code --atol}: replaces the given part for every floating type; null keeps that part's
     * per-type default. Integer types stay exact, as a global tolerance is meant for rounding, which they lack.
     */
    public Tolerances withFloating(Double rtol, Double atol) {
        Map<DType, Tolerance> m = new EnumMap<>(byDType);
        for (DType t : DType.values()) {
            if (!t.isFloating()) continue;
            Tolerance old = m.get(t);
            m.put(t, new Tolerance(rtol != null ? rtol : old.rtol(), atol != null ? atol : old.atol()));
        }
        return new Tolerances(m, byOutput);
    }

    public Tolerances withOutput(String output, Tolerance tol) {
        Map<String, Tolerance> m = new LinkedHashMap<>(byOutput);
        m.put(output, tol);
        return new Tolerances(byDType, m);
    }

    public Map<DType, Tolerance> byDType() { return byDType; }

    public Map<String, Tolerance> byOutput() { return byOutput; }
}
