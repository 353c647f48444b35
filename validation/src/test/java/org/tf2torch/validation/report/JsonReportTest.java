package org.tf2torch.validation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tf2torch.ir.json.Json;
import org.tf2torch.validation.compare.ErrorHistogram;

class JsonReportTest {
    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    @Test
    void cleanReportParsesBackWithSchemaFields() throws Exception {
        Path f = tmp.resolve("r.json");
        JsonReport.write(f, ReportFixtures.clean(), ReportFixtures.env());
        Map<String, Object> r = Json.parseObject(Files.readString(f));
        assertEquals(1L, r.get("schema_version"));
        for (String k : List.of("model", "status", "exit_status", "passed", "inputs", "tolerances",
                "histogram_buckets", "backends", "divergence", "timings", "environment")) {
            assertTrue(r.containsKey(k), k);
        }
        assertEquals("pass", r.get("status"));
        assertEquals(0L, r.get("exit_status"));
        assertEquals(Boolean.TRUE, r.get("passed"));
        assertNull(r.get("divergence"));
        assertNull(r.get("timings"));
        Map<String, Object> inputs = map(r.get("inputs"));
        assertEquals("random", inputs.get("source"));
        assertEquals(0L, inputs.get("seed"));
        assertEquals(List.of(0L, 10L), inputs.get("int_range"));
        Map<String, Object> x = map(list(inputs.get("tensors")).get(0));
        assertEquals(List.of(2L, 4L), x.get("shape"));
        assertEquals("[?,4]", x.get("declared_shape"));
        assertEquals(1.0e-4, map(map(map(r.get("tolerances")).get("by_dtype")).get("f32")).get("rtol"));
        Map<String, Object> backend = map(list(r.get("backends")).get(0));
        assertEquals("torchscript-djl", backend.get("name"));
        assertEquals("ran", backend.get("status"));
        Map<String, Object> out = map(list(backend.get("outputs")).get(0));
        assertEquals("logits", out.get("name"));
        assertEquals(Boolean.TRUE, out.get("passed"));
        assertEquals(Map.of("dtype", "f32", "shape", List.of(2L, 2L)), out.get("expected"));
        assertTrue((Double) out.get("max_abs_err") > 0);
        assertEquals(8L, out.get("elements"));
        assertEquals(ErrorHistogram.BUCKETS, list(out.get("histogram")).size());
        assertEquals(ErrorHistogram.BUCKETS, list(r.get("histogram_buckets")).size());
        assertEquals(2, list(out.get("samples")).size());
        Map<String, Object> env = map(r.get("environment"));
        assertEquals("2.18.0", env.get("tensorflow"));
        assertEquals("2.5.1", env.get("libtorch"));
        assertEquals(System.getProperty("java.version"), env.get("java"));
        assertEquals("cpu", env.get("device"));
        assertTrue(env.containsKey("os"));
    }

    @Test
    void failingReportKeepsNonFiniteErrorsAndHostileNames() {
        Map<String, Object> r = Json.parseObject(JsonReport.toJson(ReportFixtures.hostile(), ReportFixtures.env()));
        assertEquals("conversion", r.get("status"));
        assertEquals(2L, r.get("exit_status"));
        assertEquals(ReportFixtures.HOSTILE, r.get("model"));
        List<Object> backends = list(r.get("backends"));
        assertEquals(List.of("ran", "skipped", "load_failed"),
                backends.stream().map(b -> map(b).get("status")).toList());
        Map<String, Object> bad = map(list(map(backends.get(0)).get("outputs")).get(0));
        assertEquals(ReportFixtures.HOSTILE, bad.get("name"));
        assertEquals("inf", bad.get("max_abs_err"));
        assertEquals(Boolean.FALSE, bad.get("passed"));
        Map<String, Object> shape = map(list(map(backends.get(0)).get("outputs")).get(2));
        assertEquals("nan", shape.get("max_abs_err"));
        assertEquals(Boolean.FALSE, shape.get("shape_match"));
        Map<String, Object> div = map(r.get("divergence"));
        assertEquals("MatMul", div.get("tf_op"));
        assertEquals("nan", div.get("max_rel_err"));
        Map<String, Object> t = map(r.get("timings"));
        assertEquals(1.1, (Double) map(map(t.get("sides")).get("tf")).get("p50_ms"), 1e-12);
        assertEquals(2.0, (Double) map(t.get("ratios_vs_tf")).get("torchscript-djl"), 1e-12);
        assertEquals(List.of("torchscript-djl"), t.get("too_slow"));
    }
}
