package org.tf2torch.cli.zoo;

/**
 * The page a case links to when no validation ran (unsupported ops, a failed conversion, a crash, a timeout);
 * validated cases get the full validation report instead. Same self-contained style: no script, no links out.
 */
final class CaseReport {
    private CaseReport() {}

    static String failure(CaseResult r) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>").append(Html.text("tf2torch zoo: " + r.id())).append("</title>\n")
                .append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
                        + ".fail{color:#b3261e;font-weight:bold}</style>\n</head>\n<body>\n")
                .append("<h1>").append(Html.text(r.id())).append("</h1>\n")
                .append("<p class=\"fail\">").append(Html.text(r.status().label())).append("</p>\n");
        if (!r.unsupportedOps().isEmpty()) {
            sb.append("<h2>Unsupported TF ops</h2>\n<ul>\n");
            for (String op : r.unsupportedOps()) sb.append("<li><code>").append(Html.text(op)).append("</code></li>\n");
            sb.append("</ul>\n");
        }
        if (!r.message().isEmpty()) sb.append("<pre>").append(Html.text(r.message())).append("</pre>\n");
        return sb.append("</body>\n</html>\n").toString();
    }
}
