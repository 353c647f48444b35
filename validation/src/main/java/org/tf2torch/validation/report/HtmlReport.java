package org.tf2torch.validation.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.tf2torch.validation.bench.BenchResult;
import org.tf2torch.validation.bench.Timings;
import org.tf2torch.validation.compare.BackendResult;
import org.tf2torch.validation.compare.Format;
import org.tf2torch.validation.compare.OutputComparison;
import org.tf2torch.validation.compare.ValidationResult;
import org.tf2torch.validation.inputs.InputsInfo;

/**
 * A self-contained HTML page: verdict, inputs, one error table and histogram per backend and output, the
 * divergence, latency bars and the environment. Styles are inline and charts are inline SVG, with no script and no
 * external reference, so the file can be mailed or archived as a CI artifact and still render. The markup is also
 * well-formed XML (every element closed, every attribute quoted) so tests and tools can parse it.
 */
public final class HtmlReport {
    private static final String CSS = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
            + "table{border-collapse:collapse;margin:0.5em 0 1em}th,td{border:1px solid #ccc;padding:3px 8px;"
            + "text-align:left;font-size:13px}th{background:#f3f3f3}td.num{text-align:right;font-family:monospace}"
            + ".pass{color:#1e7a3c;font-weight:bold}.fail{color:#b3261e;font-weight:bold}.skip{color:#8a6d00}"
            + ".verdict{font-size:1.3em}code{font-size:12px}figure{margin:0.5em 0 1.5em}"
            + "figcaption{font-size:12px;color:#555}";

    private HtmlReport() {}

    public static void write(Path file, ValidationResult r, Environment env) throws IOException {
        Files.writeString(file, toHtml(r, env), StandardCharsets.UTF_8);
    }

    public static String toHtml(ValidationResult r, Environment env) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>").append(Markup.text("tf2torch validation: " + r.model())).append("</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>tf2torch validation</h1>\n");
        boolean ok = r.passed();
        sb.append("<p class=\"verdict ").append(ok ? "pass" : "fail").append("\">")
                .append(ok ? "PASS" : "FAIL").append(": ").append(Markup.text(r.exitStatus().description()))
                .append(" (exit status ").append(r.exitStatus().code()).append(")</p>\n");
        sb.append("<p>Model: <code>").append(Markup.text(r.model())).append("</code></p>\n");
        if (r.inputs() != null) inputs(sb, r.inputs());
        for (BackendResult b : r.backends()) backend(sb, b, r.inputs());
        if (r.divergence() != null) {
            sb.append("<h2>Divergence</h2>\n<p>").append(Markup.text(r.divergence().describe())).append("</p>\n");
        }
        if (r.bench() != null) bench(sb, r.bench());
        if (env != null) environment(sb, env);
        return sb.append("</body>\n</html>\n").toString();
    }

    private static void inputs(StringBuilder sb, InputsInfo in) {
        sb.append("<h2>Inputs</h2>\n<p>");
        if (InputsInfo.FILE.equals(in.source())) {
            sb.append("From <code>").append(Markup.text(in.file())).append("</code>");
        } else {
            sb.append("Random: seed ").append(in.seed()).append(", ").append(in.samples()).append(" samples, ")
                    .append(Markup.text(in.distribution())).append(" floats, integers in ")
                    .append(Markup.text(String.valueOf(in.intRange())));
        }
        sb.append("</p>\n<table>\n<tr><th>Input</th><th>Type</th><th>Declared shape</th><th>Shape fed</th></tr>\n");
        for (InputsInfo.Tensor t : in.tensors()) {
            row(sb, t.name(), t.dtype() == null ? "?" : t.dtype().irName(), t.declaredShape(),
                    Arrays.toString(t.shape()));
        }
        sb.append("</table>\n");
        if (in.rounds().isEmpty()) return;
        sb.append("<p>Inputs with a dynamic batch dim were run at several sizes:</p>\n<table>\n")
                .append("<tr><th>Round</th><th>Samples</th><th>Shapes fed</th></tr>\n");
        for (InputsInfo.Round r : in.rounds()) {
            StringBuilder shapes = new StringBuilder();
            for (InputsInfo.Tensor t : r.tensors()) {
                if (shapes.length() > 0) shapes.append(", ");
                shapes.append(t.name()).append(' ').append(Arrays.toString(t.shape()));
            }
            row(sb, r.label(), r.firstSample() + " to " + (r.firstSample() + r.samples() - 1), shapes.toString());
        }
        sb.append("</table>\n");
    }

    private static void backend(StringBuilder sb, BackendResult b, InputsInfo inputs) {
        sb.append("<h2>Backend ").append(Markup.text(b.backend())).append(": ");
        switch (b.status()) {
            case SKIPPED -> sb.append("<span class=\"skip\">skipped</span>");
            case LOAD_FAILED -> sb.append("<span class=\"fail\">did not load</span>");
            case RUN_FAILED -> sb.append("<span class=\"fail\">forward call failed</span>");
            default -> sb.append(b.passed() ? "<span class=\"pass\">pass</span>" : "<span class=\"fail\">fail</span>");
        }
        sb.append("</h2>\n");
        if (b.message() != null) sb.append("<pre>").append(Markup.text(b.message())).append("</pre>\n");
        if (b.samples().isEmpty()) return;
        sb.append("<p>").append(b.samples().size()).append(" samples; errors are the maxima over all of them.</p>\n")
                .append("<table>\n<tr><th>Output</th><th>Result</th><th>TensorFlow</th><th>PyTorch</th>")
                .append("<th>Max abs err</th><th>Max rel err</th><th>Outside tolerance</th><th>Tolerance</th></tr>\n");
        for (RoundComparisons.Row rowOf : RoundComparisons.rows(inputs, b)) {
            OutputComparison c = rowOf.comparison();
            String label = rowOf.round() == null ? c.name() : c.name() + " (" + rowOf.round() + ")";
            sb.append("<tr><td>").append(Markup.text(label)).append("</td><td class=\"")
                    .append(c.passed() ? "pass\">pass" : "fail\">fail").append("</td><td>")
                    .append(Markup.text(String.valueOf(c.expected()))).append("</td><td>")
                    .append(Markup.text(String.valueOf(c.actual()))).append("</td>");
            num(sb, Format.sci(c.maxAbsErr()));
            num(sb, Format.sci(c.maxRelErr()));
            num(sb, c.mismatches() + " / " + c.elements());
            sb.append("<td>").append(Markup.text(c.tolerance().toString())).append("</td></tr>\n");
            if (!c.passed()) {
                sb.append("<tr><td></td><td colspan=\"7\">").append(Markup.text(c.problem())).append("</td></tr>\n");
            }
        }
        sb.append("</table>\n");
        for (OutputComparison c : b.outputs()) {
            if (c.histogram().total() == 0) continue;
            sb.append("<figure>").append(SvgCharts.histogram(c.histogram(), c.tolerance()))
                    .append("<figcaption>Absolute errors of ").append(Markup.text(c.name())).append(" (")
                    .append(Markup.text(b.backend())).append("), elements per decade</figcaption></figure>\n");
        }
    }

    private static void bench(StringBuilder sb, BenchResult bench) {
        sb.append("<h2>Speed</h2>\n<p>").append(bench.threads()).append(" intra-op threads, batch ")
                .append(bench.batch()).append(", ").append(bench.warmup()).append(" warm-up and ").append(bench.runs())
                .append(" timed runs per side.");
        if (bench.maxSlowdown() != null) {
            sb.append(" Maximum slowdown ").append(bench.maxSlowdown()).append("x: ")
                    .append(bench.slowdownExceeded() ? "<span class=\"fail\">exceeded</span>"
                            : "<span class=\"pass\">kept</span>");
        }
        sb.append("</p>\n<figure>").append(SvgCharts.latency(bench))
                .append("<figcaption>Latency per call: p50 (dark) and p90 (light)</figcaption></figure>\n")
                .append("<table>\n<tr><th>Side</th><th>p50</th><th>p90</th><th>Mean</th><th>Min</th>")
                .append("<th>Throughput</th><th>vs TF</th></tr>\n");
        Map<String, Double> ratios = bench.ratios();
        for (Map.Entry<String, Timings> e : bench.sides().entrySet()) {
            Timings t = e.getValue();
            Double ratio = ratios.get(e.getKey());
            sb.append("<tr><td>").append(Markup.text(e.getKey())).append("</td>");
            num(sb, Format.millis(t.p50Ms()));
            num(sb, Format.millis(t.p90Ms()));
            num(sb, Format.millis(t.meanMs()));
            num(sb, Format.millis(t.minMs()));
            num(sb, String.format(Locale.ROOT, "%.1f items/s", t.throughput()));
            num(sb, ratio == null ? "" : String.format(Locale.ROOT, "%.2fx", ratio));
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
    }

    private static void environment(StringBuilder sb, Environment env) {
        sb.append("<h2>Environment</h2>\n<table>\n");
        for (Map.Entry<String, Object> e : env.toMap().entrySet()) {
            row(sb, e.getKey(), e.getValue() == null ? "not available" : e.getValue().toString());
        }
        sb.append("</table>\n");
    }

    private static void row(StringBuilder sb, String... cells) {
        sb.append("<tr>");
        for (String c : cells) sb.append("<td>").append(Markup.text(c)).append("</td>");
        sb.append("</tr>\n");
    }

    private static void num(StringBuilder sb, String text) {
        sb.append("<td class=\"num\">").append(Markup.text(text)).append("</td>");
    }
}
