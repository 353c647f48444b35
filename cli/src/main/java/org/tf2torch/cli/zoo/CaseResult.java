package org.tf2torch.cli.zoo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one zoo case. {@code maxAbsErr} is null when nothing was compared; {@code params} (trainable
 * parameter elements) when nothing was converted; {@code speedRatio} (PyTorch p50 / TF p50) without a benchmark;
 * {@code expect} when no outcome was declared; {@code report} (relative to the run's folder) when none was written.
 */
public record CaseResult(String id, Status status, Double maxAbsErr, List<String> unsupportedOps, String message,
                         double seconds, Long params, Double speedRatio, Status expect, String report) {
    public enum Status {
        PASS, MISMATCH, UNSUPPORTED, ERROR;

        public String label() { return name().toLowerCase(Locale.ROOT); }

        public static Status parse(String s) {
            for (Status v : values()) if (v.label().equals(s)) return v;
            throw new IllegalArgumentException("'" + s + "' is not one of pass, mismatch, unsupported, error");
        }
    }

    public CaseResult {
        unsupportedOps = List.copyOf(unsupportedOps);
        message = message == null ? "" : message;
    }

    public CaseResult(String id, Status status, Double maxAbsErr, List<String> unsupportedOps, String message,
                      double seconds) {
        this(id, status, maxAbsErr, unsupportedOps, message, seconds, null, null, null, null);
    }

    /** Null when no outcome was declared. */
    public Boolean asExpected() { return expect == null ? null : expect == status; }

    public CaseResult withExpect(Status e) {
        return new CaseResult(id, status, maxAbsErr, unsupportedOps, message, seconds, params, speedRatio, e, report);
    }

    public CaseResult withReport(String r) {
        return new CaseResult(id, status, maxAbsErr, unsupportedOps, message, seconds, params, speedRatio, expect, r);
    }

    /** The summary.json entry; the first six keys are the original schema, the rest were added later. */
    public Map<String, Object> toMap() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("status", status.label());
        c.put("max_abs_err", maxAbsErr);
        c.put("unsupported_ops", unsupportedOps);
        c.put("message", message);
        c.put("seconds", Math.round(seconds * 1000) / 1000.0);
        c.put("params", params);
        c.put("speed_ratio", speedRatio);
        c.put("report", report);
        if (expect != null) {
            c.put("expect", expect.label());
            c.put("as_expected", asExpected());
        }
        return c;
    }

    public static CaseResult fromMap(Map<?, ?> m) {
        String expect = (String) m.get("expect");
        return new CaseResult((String) m.get("id"), Status.parse((String) m.get("status")), num(m.get("max_abs_err")),
                CaseSpec.strings(m.get("unsupported_ops")), (String) m.get("message"),
                m.get("seconds") == null ? 0 : ((Number) m.get("seconds")).doubleValue(),
                m.get("params") == null ? null : ((Number) m.get("params")).longValue(), num(m.get("speed_ratio")),
                expect == null ? null : Status.parse(expect), (String) m.get("report"));
    }

    private static Double num(Object o) { return o == null ? null : ((Number) o).doubleValue(); }
}
