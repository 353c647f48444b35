package org.tf2torch.validation.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tf2torch.validation.bench.BenchResult;
import org.tf2torch.validation.bench.Timings;
import org.tf2torch.validation.compare.ErrorHistogram;
import org.tf2torch.validation.compare.Format;
import org.tf2torch.validation.compare.Tolerance;

/**
 * Inline SVG charts for the HTML report, drawn as plain rectangles and text so the page needs no script, no font
 * and no network. Each bar carries a {@code title} with its exact number, which browsers show on hover.
 */
final class SvgCharts {
    private static final int BAR_W = 30;
    private static final int PLOT_H = 120;
    private static final int LEFT = 10;

    private SvgCharts() {}

    /**
     * Error histogram, one bar per decade bucket, heights linear in the count. Buckets at or above {@code atol} are
     * orange and non-finite ones red, so the part of the distribution that can fail a check stands out.
     */
    static String histogram(ErrorHistogram h, Tolerance tol) {
        List<String> labels = ErrorHistogram.labels();
        long[] counts = h.counts();
        long max = 1;
        for (long c : counts) max = Math.max(max, c);
        int width = LEFT * 2 + BAR_W * counts.length;
        int height = PLOT_H + 90;
        StringBuilder sb = svgOpen(width, height, "Histogram of absolute errors");
        sb.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(PLOT_H + 15).append("\" x2=\"")
                .append(width - LEFT).append("\" y2=\"").append(PLOT_H + 15).append("\" stroke=\"#888\"/>");
        for (int i = 0; i < counts.length; i++) {
            int x = LEFT + i * BAR_W;
            double bh = counts[i] == 0 ? 0 : Math.max(1, (double) counts[i] / max * PLOT_H);
            double y = PLOT_H + 15 - bh;
            sb.append("<rect x=\"").append(x + 3).append("\" y=\"").append(fmt(y)).append("\" width=\"")
                    .append(BAR_W - 6).append("\" height=\"").append(fmt(bh)).append("\" fill=\"")
                    .append(color(i, counts.length, tol)).append("\"><title>").append(Markup.text(labels.get(i)))
                    .append(": ").append(counts[i]).append("</title></rect>");
            if (counts[i] > 0) {
                sb.append("<text x=\"").append(x + BAR_W / 2).append("\" y=\"").append(fmt(y - 3))
                        .append("\" font-size=\"9\" text-anchor=\"middle\">").append(shortCount(counts[i]))
                        .append("</text>");
            }
            int ly = PLOT_H + 25;
            sb.append("<text x=\"").append(x + BAR_W / 2).append("\" y=\"").append(ly)
                    .append("\" font-size=\"9\" text-anchor=\"end\" transform=\"rotate(-60 ").append(x + BAR_W / 2)
                    .append(' ').append(ly).append(")\">").append(Markup.text(labels.get(i))).append("</text>");
        }
        return sb.append("</svg>").toString();
    }

    /** p90 as a pale bar with p50 drawn over it, one row per side, on a common scale starting at zero. */
    static String latency(BenchResult bench) {
        Map<String, Timings> sides = bench.sides();
        double max = 0;
        for (Timings t : sides.values()) max = Math.max(max, t.p90Ms());
        if (!(max > 0)) max = 1;
        int labelW = 150;
        int plotW = 360;
        int rowH = 30;
        int width = labelW + plotW + 200;
        int height = rowH * sides.size() + 30;
        StringBuilder sb = svgOpen(width, height, "Latency per side, p50 and p90");
        int row = 0;
        for (Map.Entry<String, Timings> e : sides.entrySet()) {
            Timings t = e.getValue();
            int y = 10 + row * rowH;
            double w90 = t.p90Ms() / max * plotW;
            double w50 = t.p50Ms() / max * plotW;
            boolean tf = e.getKey().equals(BenchResult.TF);
            String text = "p50 " + Format.millis(t.p50Ms()) + ", p90 " + Format.millis(t.p90Ms());
            sb.append("<text x=\"").append(labelW - 8).append("\" y=\"").append(y + 15)
                    .append("\" font-size=\"12\" text-anchor=\"end\">").append(Markup.text(e.getKey()))
                    .append("</text>");
            sb.append("<rect x=\"").append(labelW).append("\" y=\"").append(y).append("\" width=\"").append(fmt(w90))
                    .append("\" height=\"20\" fill=\"").append(tf ? "#f5c99b" : "#b7cbe8").append("\"><title>p90 ")
                    .append(Markup.text(Format.millis(t.p90Ms()))).append("</title></rect>");
            sb.append("<rect x=\"").append(labelW).append("\" y=\"").append(y).append("\" width=\"").append(fmt(w50))
                    .append("\" height=\"20\" fill=\"").append(tf ? "#e8822a" : "#3b6fb6").append("\"><title>p50 ")
                    .append(Markup.text(Format.millis(t.p50Ms()))).append("</title></rect>");
            sb.append("<text x=\"").append(fmt(labelW + w90 + 6)).append("\" y=\"").append(y + 15)
                    .append("\" font-size=\"11\">").append(Markup.text(text)).append("</text>");
            row++;
        }
        int axisY = 10 + row * rowH + 12;
        sb.append("<text x=\"").append(labelW).append("\" y=\"").append(axisY).append("\" font-size=\"10\">0</text>")
                .append("<text x=\"").append(labelW + plotW).append("\" y=\"").append(axisY)
                .append("\" font-size=\"10\" text-anchor=\"end\">").append(Markup.text(Format.millis(max)))
                .append("</text>");
        return sb.append("</svg>").toString();
    }

    private static StringBuilder svgOpen(int width, int height, String label) {
        return new StringBuilder("<svg width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(Markup.attr(label)).append("\">");
    }

    private static String color(int bucket, int buckets, Tolerance tol) {
        if (bucket == buckets - 1) return "#c0392b";
        if (bucket == 0) return "#3c9a5f";
        double lower = ErrorHistogram.lowerBound(bucket);
        return lower >= tol.atol() && lower > 0 ? "#e67e22" : "#3c9a5f";
    }

    private static String shortCount(long c) {
        if (c < 10_000) return Long.toString(c);
        if (c < 10_000_000) return (c / 1000) + "k";
        return (c / 1_000_000) + "M";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
