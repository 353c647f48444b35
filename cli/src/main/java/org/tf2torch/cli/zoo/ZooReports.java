package org.tf2torch.cli.zoo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tf2torch.ir.json.Json;

/** summary.json (schema-versioned), summary.md, junit.xml and summary.html for a finished zoo run. */
public final class ZooReports {
    public static final int SCHEMA_VERSION = 1;

    private ZooReports() {}

    public static Map<CaseResult.Status, Integer> totals(List<CaseResult> results) {
        Map<CaseResult.Status, Integer> t = new EnumMap<>(CaseResult.Status.class);
        for (CaseResult.Status s : CaseResult.Status.values()) t.put(s, 0);
        for (CaseResult r : results) t.merge(r.status(), 1, Integer::sum);
        return t;
    }

    public static void writeAll(Path out, String root, List<CaseResult> results) throws IOException {
        writeAll(out, root, results, Shard.ALL);
    }

    /**
     * Every summary, each written to a temporary file and renamed, so a killed run never leaves a truncated
     * summary that looks finished.
     */
    public static void writeAll(Path out, String root, List<CaseResult> results, Shard shard) throws IOException {
        write(out.resolve("summary.json"), json(root, results, shard));
        write(out.resolve("summary.md"), markdown(root, results));
        write(out.resolve("junit.xml"), junit(results));
        write(out.resolve("summary.html"), SummaryHtml.render(root, results, shard));
    }

    static void write(Path file, String text) throws IOException {
        // A plain new file, not createTempFile, whose owner-only mode would stick to the summary.
        Path tmp = file.toAbsolutePath().resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid()
                + "-" + System.nanoTime() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String json(String root, List<CaseResult> results) {
        return json(root, results, Shard.ALL);
    }

    static String json(String root, List<CaseResult> results, Shard shard) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", SCHEMA_VERSION);
        m.put("root", root);
        if (!shard.isAll()) m.put("shard", shard.toString());
        Map<String, Object> totals = new LinkedHashMap<>();
        totals(results).forEach((k, v) -> totals.put(k.label(), v));
        m.put("totals", totals);
        long declared = results.stream().filter(r -> r.expect() != null).count();
        if (declared > 0) {
            m.put("unexpected", results.stream().filter(r -> Boolean.FALSE.equals(r.asExpected())).count());
        }
        List<Object> cases = new ArrayList<>();
        for (CaseResult r : results) cases.add(r.toMap());
        m.put("cases", cases);
        return Json.write(m);
    }

    /** A summary.json read back: its root, shard and cases. */
    public record Summary(String root, Shard shard, List<CaseResult> cases) {}

    public static Summary read(Path summaryJson) throws IOException {
        Map<String, Object> m = Json.parseObject(Files.readString(summaryJson, StandardCharsets.UTF_8));
        List<CaseResult> cases = new ArrayList<>();
        for (Object o : (List<?>) m.get("cases")) cases.add(CaseResult.fromMap((Map<?, ?>) o));
        Object shard = m.get("shard");
        return new Summary((String) m.get("root"), shard == null ? Shard.ALL : Shard.parse((String) shard), cases);
    }

    /** Failure reasons with counts, most common first: unsupported ops by op, other failures by message stem. */
    public static Map<String, Integer> reasons(List<CaseResult> results) {
        Map<String, Integer> counts = new TreeMap<>();
        for (CaseResult r : results) {
            if (r.status() == CaseResult.Status.PASS) continue;
            if (r.status() == CaseResult.Status.UNSUPPORTED) {
                for (String op : r.unsupportedOps()) counts.merge("unsupported op " + op, 1, Integer::sum);
            } else {
                counts.merge(r.status().label() + ": " + stem(r.message()), 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> l = new ArrayList<>(counts.entrySet());
        l.sort((a, b) -> b.getValue() - a.getValue() != 0 ? b.getValue() - a.getValue() : a.getKey().compareTo(b.getKey()));
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : l) out.put(e.getKey(), e.getValue());
        return out;
    }

    /** The message without numbers and quoted names, so similar failures group together. */
    public static String stem(String message) {
        String s = message == null ? "" : message.replaceAll("'[^']*'", "'…'").replaceAll("[0-9.e+-]{2,}", "N");
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    /** docs/conformance.md: totals by status and the ten most common failure reasons of one corpus run. */
    public static String conformance(List<CaseResult> results) {
        StringBuilder sb = new StringBuilder("# TF op conformance\n\n");
        sb.append("Generated by `ConformanceTest` (`mvn -B verify -pl cli -am -Dtest=ConformanceTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dtf2torch.updateConformance=true`) from one run over "
                + "`../shared/corpus/tf-ops`: each case converted, run as TorchScript in libtorch (DJL) and compared "
                + "with the values TensorFlow computed, at the default tolerances.\n\n");
        sb.append("| status | cases |\n|---|---|\n");
        totals(results).forEach((k, v) -> sb.append("| ").append(k.label()).append(" | ").append(v).append(" |\n"));
        sb.append("| total | ").append(results.size()).append(" |\n\n");
        sb.append("## Ten most common failure reasons\n\n| reason | cases |\n|---|---|\n");
        int n = 0;
        for (Map.Entry<String, Integer> e : reasons(results).entrySet()) {
            if (n++ == 10) break;
            sb.append("| ").append(md(e.getKey())).append(" | ").append(e.getValue()).append(" |\n");
        }
        sb.append("\nEvery failing case with its reason: `cli/src/test/resources/conformance/known-failures.tsv`.\n");
        return sb.toString();
    }

    static String markdown(String root, List<CaseResult> results) {
        StringBuilder sb = new StringBuilder("# Zoo run\n\n");
        sb.append("Root: `").append(root).append("`, ").append(results.size()).append(" cases.\n\n");
        sb.append("| status | cases |\n|---|---|\n");
        totals(results).forEach((k, v) -> sb.append("| ").append(k.label()).append(" | ").append(v).append(" |\n"));
        sb.append("\n## Most common failure reasons\n\n| reason | cases |\n|---|---|\n");
        int n = 0;
        for (Map.Entry<String, Integer> e : reasons(results).entrySet()) {
            if (n++ == 20) break;
            sb.append("| ").append(md(e.getKey())).append(" | ").append(e.getValue()).append(" |\n");
        }
        List<CaseResult> unexpected = results.stream().filter(r -> Boolean.FALSE.equals(r.asExpected())).toList();
        if (!unexpected.isEmpty()) {
            sb.append("\n## Outcomes the manifest did not expect\n\n| case | expected | got |\n|---|---|---|\n");
            for (CaseResult r : unexpected) {
                sb.append("| `").append(r.id()).append("` | ").append(r.expect().label()).append(" | ")
                        .append(r.status().label()).append(" |\n");
            }
        }
        sb.append("\n## Cases that did not pass\n\n| case | status | detail |\n|---|---|---|\n");
        for (CaseResult r : results) {
            if (r.status() == CaseResult.Status.PASS) continue;
            String detail = r.status() == CaseResult.Status.UNSUPPORTED ? String.join(", ", r.unsupportedOps()) : r.message();
            sb.append("| `").append(r.id()).append("` | ").append(r.status().label()).append(" | ").append(md(detail)).append(" |\n");
        }
        return sb.toString();
    }

    private static String md(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    static String junit(List<CaseResult> results) {
        Map<CaseResult.Status, Integer> t = totals(results);
        int failures = t.get(CaseResult.Status.MISMATCH) + t.get(CaseResult.Status.UNSUPPORTED);
        double time = results.stream().mapToDouble(CaseResult::seconds).sum();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format("<testsuite name=\"tf2torch.zoo\" tests=\"%d\" failures=\"%d\" errors=\"%d\" time=\"%.3f\">%n",
                results.size(), failures, t.get(CaseResult.Status.ERROR), time));
        for (CaseResult r : results) {
            sb.append("  <testcase classname=\"tf2torch.zoo\" name=\"").append(xml(r.id()))
                    .append(String.format("\" time=\"%.3f\"", r.seconds()));
            if (r.status() == CaseResult.Status.PASS) {
                sb.append("/>\n");
                continue;
            }
            String tag = r.status() == CaseResult.Status.ERROR ? "error" : "failure";
            String msg = r.status() == CaseResult.Status.UNSUPPORTED ? "unsupported ops: " + String.join(", ", r.unsupportedOps())
                    : r.message();
            sb.append(">\n    <").append(tag).append(" type=\"").append(r.status().label()).append("\" message=\"")
                    .append(xml(msg)).append("\"/>\n  </testcase>\n");
        }
        return sb.append("</testsuite>\n").toString();
    }

    static String xml(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : (s == null ? "" : s).toCharArray()) {
            switch (c) {
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '&': sb.append("&amp;"); break;
                case '"': sb.append("&quot;"); break;
                default:
                    if (c < 0x20 && c != '\t' && c != '\n') sb.append("\\u").append(String.format("%04x", (int) c));
                    else sb.append(c);
            }
        }
        return sb.toString();
    }
}
