package org.tf2torch.cli.zoo;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * summary.html: totals, a bar chart of outcomes (inline SVG), and one sortable, filterable row per case linking
 * to the case's own report. Self-contained: inline style and script, no external reference, so it can be archived
 * as a CI artifact. The markup is well-formed XML (the script sits in a CDATA section) so tests can parse it; the
 * script marks {@code body[data-ready]} once it has wired the table, which a headless browser check looks for.
 */
final class SummaryHtml {
    private static final Map<CaseResult.Status, String> COLORS = Map.of(CaseResult.Status.PASS, "#1e7a3c",
            CaseResult.Status.MISMATCH, "#d98c00", CaseResult.Status.UNSUPPORTED, "#6b6b9a",
            CaseResult.Status.ERROR, "#b3261e");
    private static final String CSS = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
            + "table{border-collapse:collapse;margin:0.5em 0 1em}th,td{border:1px solid #ccc;padding:3px 8px;"
            + "text-align:left;font-size:13px}th{background:#f3f3f3;cursor:pointer;user-select:none}"
            + "th.sorted-asc::after{content:' \\25B2'}th.sorted-desc::after{content:' \\25BC'}"
            + "td.num{text-align:right;font-family:monospace}td.detail{max-width:40em;overflow-wrap:anywhere}"
            + ".pass{color:#1e7a3c;font-weight:bold}.mismatch{color:#d98c00;font-weight:bold}"
            + ".unsupported{color:#6b6b9a;font-weight:bold}.error{color:#b3261e;font-weight:bold}"
            + ".unexpected{background:#fff0f0}#filter{margin:0.5em 0;padding:3px;width:20em}";
    private static final String SCRIPT = "//<![CDATA[\n"
            + "(function(){var t=document.getElementById('cases');var b=t.tBodies[0];"
            + "var hs=t.tHead.rows[0].cells;var rows=Array.prototype.slice.call(b.rows);"
            + "function key(r,i){var c=r.cells[i];var v=c.getAttribute('data-v');"
            + "if(v===null){return c.textContent.toLowerCase();}return v===''?null:parseFloat(v);}"
            + "function sort(i){var h=hs[i];var asc=!h.classList.contains('sorted-asc');"
            + "for(var j=0;j<hs.length;j++){hs[j].classList.remove('sorted-asc','sorted-desc');}"
            + "h.classList.add(asc?'sorted-asc':'sorted-desc');"
            + "rows.sort(function(x,y){var a=key(x,i),c=key(y,i);if(a===c){return 0;}"
            + "if(a===null){return 1;}if(c===null){return -1;}return (a<c?-1:1)*(asc?1:-1);});"
            + "rows.forEach(function(r){b.appendChild(r);});}"
            + "for(var i=0;i<hs.length;i++){(function(i){hs[i].addEventListener('click',function(){sort(i);});})(i);}"
            + "var f=document.getElementById('filter');f.addEventListener('input',function(){"
            + "var q=f.value.toLowerCase();rows.forEach(function(r){"
            + "r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':'';});});"
            + "document.body.setAttribute('data-ready',String(rows.length));})();\n//]]>";

    private SummaryHtml() {}

    static String render(String root, List<CaseResult> results, Shard shard) {
        Map<CaseResult.Status, Integer> totals = ZooReports.totals(results);
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>").append(Html.text("tf2torch zoo: " + root)).append("</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n<h1>tf2torch zoo</h1>\n")
                .append("<p>Root: <code>").append(Html.text(root)).append("</code>")
                .append(shard.isAll() ? "" : ", shard " + shard).append(", ").append(results.size())
                .append(" cases, ").append(fmt("%.1f", results.stream().mapToDouble(CaseResult::seconds).sum()))
                .append(" s of case time.</p>\n<table id=\"totals\">\n<tr>");
        for (CaseResult.Status s : CaseResult.Status.values()) sb.append("<th>").append(s.label()).append("</th>");
        sb.append("<th>total</th></tr>\n<tr>");
        for (CaseResult.Status s : CaseResult.Status.values()) {
            sb.append("<td class=\"num ").append(s.label()).append("\">").append(totals.get(s)).append("</td>");
        }
        sb.append("<td class=\"num\">").append(results.size()).append("</td></tr>\n</table>\n");
        long unexpected = results.stream().filter(r -> Boolean.FALSE.equals(r.asExpected())).count();
        if (results.stream().anyMatch(r -> r.expect() != null)) {
            sb.append("<p>").append(unexpected).append(" case(s) did not have the outcome their manifest expects")
                    .append(" (highlighted).</p>\n");
        }
        sb.append("<figure>").append(chart(totals, results.size()))
                .append("<figcaption>Outcomes, cases per status</figcaption></figure>\n");
        table(sb, results);
        return sb.append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n").toString();
    }

    private static String chart(Map<CaseResult.Status, Integer> totals, int total) {
        int barW = 90;
        int h = 160;
        StringBuilder sb = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(barW * 4 + 40).append("\" height=\"").append(h + 40).append("\" role=\"img\">");
        int i = 0;
        for (CaseResult.Status s : CaseResult.Status.values()) {
            int n = totals.get(s);
            int bh = total == 0 ? 0 : (int) Math.round((double) n * h / total);
            int x = 20 + i * barW;
            sb.append("<rect x=\"").append(x + 10).append("\" y=\"").append(h - bh + 10).append("\" width=\"")
                    .append(barW - 20).append("\" height=\"").append(bh).append("\" fill=\"").append(COLORS.get(s))
                    .append("\"><title>").append(s.label()).append(": ").append(n).append("</title></rect>")
                    .append("<text x=\"").append(x + barW / 2).append("\" y=\"").append(h - bh + 5)
                    .append("\" font-size=\"12\" text-anchor=\"middle\">").append(n).append("</text>")
                    .append("<text x=\"").append(x + barW / 2).append("\" y=\"").append(h + 28)
                    .append("\" font-size=\"12\" text-anchor=\"middle\">").append(s.label()).append("</text>");
            i++;
        }
        return sb.append("</svg>").toString();
    }

    private static void table(StringBuilder sb, List<CaseResult> results) {
        sb.append("<p><input id=\"filter\" type=\"search\" placeholder=\"Filter rows\"/> Click a column to sort.</p>\n")
                .append("<table id=\"cases\">\n<thead><tr><th>Case</th><th>Status</th><th>Expected</th>")
                .append("<th>Max abs err</th><th>Speed ratio</th><th>Parameters</th><th>Time (s)</th>")
                .append("<th>Detail</th></tr></thead>\n<tbody>\n");
        for (CaseResult r : results) {
            sb.append(Boolean.FALSE.equals(r.asExpected()) ? "<tr class=\"unexpected\">" : "<tr>").append("<td>");
            if (r.report() != null) {
                sb.append("<a href=\"").append(Html.text(r.report())).append("\">").append(Html.text(r.id())).append("</a>");
            } else {
                sb.append(Html.text(r.id()));
            }
            sb.append("</td><td class=\"").append(r.status().label()).append("\">").append(r.status().label())
                    .append("</td><td>").append(r.expect() == null ? "" : r.expect().label()).append("</td>");
            num(sb, r.maxAbsErr(), r.maxAbsErr() == null ? "" : fmt("%.2e", r.maxAbsErr()));
            num(sb, r.speedRatio(), r.speedRatio() == null ? "" : fmt("%.2fx", r.speedRatio()));
            num(sb, r.params() == null ? null : (double) r.params(), r.params() == null ? "" : fmt("%,d", r.params()));
            num(sb, r.seconds(), fmt("%.3f", r.seconds()));
            String detail = r.status() == CaseResult.Status.UNSUPPORTED
                    ? "unsupported: " + String.join(", ", r.unsupportedOps()) : r.message();
            sb.append("<td class=\"detail\">").append(Html.text(detail)).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    private static void num(StringBuilder sb, Double v, String text) {
        sb.append("<td class=\"num\" data-v=\"").append(v == null ? "" : String.valueOf(v)).append("\">")
                .append(Html.text(text)).append("</td>");
    }

    private static String fmt(String f, Object v) { return String.format(Locale.ROOT, f, v); }
}
