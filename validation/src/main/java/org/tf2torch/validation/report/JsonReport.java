package org.tf2torch.validation.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tf2torch.ir.DType;
import org.tf2torch.ir.json.Json;
import org.tf2torch.validation.bench.BenchResult;
import org.tf2torch.validation.bench.Timings;
import org.tf2torch.validation.compare.BackendResult;
import org.tf2torch.validation.compare.Divergence;
import org.tf2torch.validation.compare.ErrorHistogram;
import org.tf2torch.validation.compare.OutputComparison;
import org.tf2torch.validation.compare.SampleComparison;
import org.tf2torch.validation.compare.Tolerance;
import org.tf2torch.validation.compare.TypeShape;
import org.tf2torch.validation.compare.ValidationResult;
import org.tf2torch.validation.inputs.InputsInfo;

/**
 * The JSON report, for tools. Top-level keys: {@code schema_version} ({@value #SCHEMA_VERSION}; raised whenever a
 * key changes meaning or goes away, never for a new key), {@code model}, {@code status}, {@code exit_status},
 * {@code passed}, {@code inputs}, {@code tolerances}, {@code histogram_buckets}, {@code backends} (each with its
 * {@code outputs} merged over samples, each of those with its per-sample {@code samples}), {@code divergence},
 * {@code timings} and {@code environment}; absent sections are {@code null}. JSON has no NaN or infinity, so a
 * non-finite error is written as the string {@code "nan"}, {@code "inf"} or {@code "-inf"}.
 */
public final class JsonReport {
    public static final int SCHEMA_VERSION = 1;

    private JsonReport() {}

    public static void write(Path file, ValidationResult r, Environment env) throws IOException {
        Files.writeString(file, toJson(r, env), StandardCharsets.UTF_8);
    }

    public static String toJson(ValidationResult r, Environment env) {
        return Json.write(toMap(r, env));
    }

    public static Map<String, Object> toMap(ValidationResult r, Environment env) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", (long) SCHEMA_VERSION);
        m.put("model", r.model());
        m.put("status", r.exitStatus().name().toLowerCase(Locale.ROOT));
        m.put("exit_status", (long) r.exitStatus().code());
        m.put("passed", r.passed());
        m.put("inputs", r.inputs() == null ? null : inputs(r.inputs()));
        m.put("tolerances", tolerances(r));
        m.put("histogram_buckets", ErrorHistogram.labels());
        List<Object> backends = new ArrayList<>();
        for (BackendResult b : r.backends()) backends.add(backend(b, r.inputs()));
        m.put("backends", backends);
        m.put("divergence", r.divergence() == null ? null : divergence(r.divergence()));
        m.put("timings", r.bench() == null ? null : timings(r.bench()));
        m.put("environment", env == null ? null : env.toMap());
        return m;
    }

    private static Map<String, Object> inputs(InputsInfo in) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", in.source());
        m.put("file", in.file());
        m.put("seed", in.seed());
        m.put("samples", (long) in.samples());
        m.put("distribution", in.distribution());
        m.put("int_range", in.intRange() == null ? null : List.of(in.intRange().low(), in.intRange().high()));
        m.put("dims", new LinkedHashMap<>(in.dims()));
        List<Object> tensors = new ArrayList<>();
        for (InputsInfo.Tensor t : in.tensors()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("name", t.name());
            tm.put("dtype", t.dtype() == null ? null : t.dtype().irName());
            tm.put("declared_shape", t.declaredShape());
            tm.put("shape", t.shape());
            tensors.add(tm);
        }
        m.put("tensors", tensors);
        List<Object> rounds = new ArrayList<>();
        for (InputsInfo.Round r : in.rounds()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("label", r.label());
            rm.put("first_sample", (long) r.firstSample());
            rm.put("samples", (long) r.samples());
            Map<String, Object> shapes = new LinkedHashMap<>();
            for (InputsInfo.Tensor t : r.tensors()) shapes.put(t.name(), t.shape());
            rm.put("shapes", shapes);
            rounds.add(rm);
        }
        m.put("rounds", rounds);
        return m;
    }

    private static Map<String, Object> tolerances(ValidationResult r) {
        Map<String, Object> byDType = new LinkedHashMap<>();
        for (Map.Entry<DType, Tolerance> e : r.tolerances().byDType().entrySet()) {
            byDType.put(e.getKey().irName(), tolerance(e.getValue()));
        }
        Map<String, Object> byOutput = new LinkedHashMap<>();
        for (Map.Entry<String, Tolerance> e : r.tolerances().byOutput().entrySet()) {
            byOutput.put(e.getKey(), tolerance(e.getValue()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("by_dtype", byDType);
        m.put("by_output", byOutput);
        return m;
    }

    private static Map<String, Object> tolerance(Tolerance t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rtol", t.rtol());
        m.put("atol", t.atol());
        return m;
    }

    private static Map<String, Object> backend(BackendResult b, InputsInfo inputs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", b.backend());
        m.put("status", b.status().name().toLowerCase(Locale.ROOT));
        m.put("passed", b.passed());
        m.put("message", b.message());
        List<Object> outputs = new ArrayList<>();
        for (OutputComparison c : b.outputs()) {
            Map<String, Object> o = output(c);
            List<Object> samples = new ArrayList<>();
            for (SampleComparison s : b.samples()) {
                for (OutputComparison sc : s.outputs()) {
                    if (!sc.name().equals(c.name())) continue;
                    Map<String, Object> sm = new LinkedHashMap<>();
                    sm.put("sample", (long) s.sample());
                    InputsInfo.Round round = inputs == null ? null : inputs.roundOf(s.sample());
                    if (round != null) sm.put("round", round.label());
                    sm.put("shape", sc.expected() == null ? null : sc.expected().toString());
                    sm.put("passed", sc.passed());
                    sm.put("max_abs_err", num(sc.maxAbsErr()));
                    sm.put("max_rel_err", num(sc.maxRelErr()));
                    sm.put("mismatches", sc.mismatches());
                    samples.add(sm);
                }
            }
            o.put("samples", samples);
            outputs.add(o);
        }
        m.put("outputs", outputs);
        return m;
    }

    private static Map<String, Object> output(OutputComparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("passed", c.passed());
        m.put("problem", c.problem());
        m.put("expected", typeShape(c.expected()));
        m.put("actual", typeShape(c.actual()));
        m.put("shape_match", c.shapeMatch());
        m.put("dtype_match", c.dtypeMatch());
        m.put("max_abs_err", num(c.maxAbsErr()));
        m.put("max_rel_err", num(c.maxRelErr()));
        m.put("mismatches", c.mismatches());
        m.put("elements", c.elements());
        m.put("rtol", c.tolerance().rtol());
        m.put("atol", c.tolerance().atol());
        if (c.worst() == null) {
            m.put("worst", null);
        } else {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("index", c.worst().index());
            w.put("expected", num(c.worst().expected()));
            w.put("actual", num(c.worst().actual()));
            m.put("worst", w);
        }
        m.put("histogram", c.histogram().counts());
        return m;
    }

    private static Map<String, Object> typeShape(TypeShape t) {
        if (t == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dtype", t.dtype().irName());
        m.put("shape", t.shape());
        return m;
    }

    private static Map<String, Object> divergence(Divergence d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", d.backend());
        m.put("sample", (long) d.sample());
        m.put("tf_node", d.tfNode());
        m.put("tf_op", d.tfOp());
        m.put("ir_node", d.irNode());
        m.put("max_abs_err", num(d.maxAbsErr()));
        m.put("max_rel_err", num(d.maxRelErr()));
        m.put("message", d.message());
        return m;
    }

    private static Map<String, Object> timings(BenchResult b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threads", (long) b.threads());
        m.put("batch", b.batch());
        m.put("warmup", (long) b.warmup());
        m.put("runs", (long) b.runs());
        Map<String, Object> sides = new LinkedHashMap<>();
        for (Map.Entry<String, Timings> e : b.sides().entrySet()) {
            Timings t = e.getValue();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("runs", (long) t.runs());
            s.put("min_ms", num(t.minMs()));
            s.put("p50_ms", num(t.p50Ms()));
            s.put("p90_ms", num(t.p90Ms()));
            s.put("mean_ms", num(t.meanMs()));
            s.put("max_ms", num(t.maxMs()));
            s.put("throughput_per_s", num(t.throughput()));
            sides.put(e.getKey(), s);
        }
        m.put("sides", sides);
        Map<String, Object> ratios = new LinkedHashMap<>();
        b.ratios().forEach((k, v) -> ratios.put(k, num(v)));
        m.put("ratios_vs_tf", ratios);
        m.put("max_slowdown", b.maxSlowdown());
        m.put("too_slow", b.tooSlow());
        return m;
    }

    /** JSON numbers cannot be NaN or infinite; see the class comment. */
    static Object num(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return v;
    }
}
