package org.tf2torch.cli.zoo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a manifest says about one model beyond its path; every field is optional (null or empty: the default).
 *
 * @param format    {@code savedmodel}, {@code graphdef} or {@code case} (a folder with case.json); null: inferred
 * @param tag       MetaGraph tag of a SavedModel
 * @param signature signature key of a SavedModel
 * @param dims      sizes for dynamic dimensions, as for {@code --dim}
 * @param rtol      relative tolerance for floating outputs
 * @param atol      absolute tolerance for floating outputs
 * @param expect    the outcome the team expects (e.g. {@code unsupported} for a known gap)
 * @param tags      free labels to select models with {@code --tags}
 * @param inputs    input nodes of a frozen GraphDef
 * @param outputs   output tensors of a frozen GraphDef
 */
public record CaseSpec(String format, String tag, String signature, Map<String, Long> dims, Double rtol,
                       Double atol, CaseResult.Status expect, List<String> tags, List<String> inputs,
                       List<String> outputs) {
    public static final CaseSpec NONE = new CaseSpec(null, null, null, Map.of(), null, null, null, List.of(),
            List.of(), List.of());

    public CaseSpec {
        dims = java.util.Collections.unmodifiableMap(new TreeMap<>(dims == null ? Map.of() : dims));
        tags = List.copyOf(tags == null ? List.of() : tags);
        inputs = List.copyOf(inputs == null ? List.of() : inputs);
        outputs = List.copyOf(outputs == null ? List.of() : outputs);
    }

    /** A stable JSON-ready form: part of the resume key and of the message to a worker JVM. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", format);
        m.put("tag", tag);
        m.put("signature", signature);
        m.put("dims", new LinkedHashMap<>(dims));
        m.put("rtol", rtol);
        m.put("atol", atol);
        m.put("expect", expect == null ? null : expect.label());
        m.put("tags", tags);
        m.put("inputs", inputs);
        m.put("outputs", outputs);
        return m;
    }

    public static CaseSpec fromMap(Map<?, ?> m) {
        Map<String, Long> dims = new TreeMap<>();
        Object d = m.get("dims");
        if (d instanceof Map<?, ?> dm) dm.forEach((k, v) -> dims.put(k.toString(), ((Number) v).longValue()));
        String expect = (String) m.get("expect");
        return new CaseSpec((String) m.get("format"), (String) m.get("tag"), (String) m.get("signature"), dims,
                num(m.get("rtol")), num(m.get("atol")), expect == null ? null : CaseResult.Status.parse(expect),
                strings(m.get("tags")), strings(m.get("inputs")), strings(m.get("outputs")));
    }

    private static Double num(Object o) { return o == null ? null : ((Number) o).doubleValue(); }

    static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) for (Object x : l) out.add(x.toString());
        return out;
    }
}
