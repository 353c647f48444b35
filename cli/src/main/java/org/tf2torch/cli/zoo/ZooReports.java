package org.tf2torch.cli.zoo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tf2torch.ir.json.Json;

/** summary.json (schema-versioned), summary.md and junit.xml for a finished zoo run. */
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
        Files.writeString(out.resolve("summary.json"), json(root, results), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("summary.md"), markdown(root, results), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("junit.xml"), junit(results), StandardCharsets.UTF_8);
    }

    static String json(String root, List<CaseResult> results) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", SCHEMA_VERSION);
        m.put("root", root);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals(results).forEach((k, v) -> totals.put(k.label(), v));
        m.put("totals", totals);
        List<Object> cases = new ArrayList<>();
        for (CaseResult r : results) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", r.id());
            c.put("status", r.status().label());
            c.put("max_abs_err", r.maxAbsErr());
            c.put("unsupported_ops", r.unsupportedOps());
            c.put("message", r.message());
            c.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
            cases.add(c);
        }
        m.put("cases", cases);
        return Json.write(m);
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
    static String stem(String message) {
        String s = message == null ? "" : message.replaceAll("'[^']*'", "'…'").replaceAll("[0-9.e+-]{2,}", "N");
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
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
