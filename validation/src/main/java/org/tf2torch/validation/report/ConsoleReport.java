package org.tf2torch.validation.report;

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
 * The console summary: one line per backend and output, then speed and the verdict. Colour only when the caller
 * asks for it ({@link #colorByDefault()} says whether stdout is a terminal), since escape codes in a CI log or a
 * piped file are noise.
 */
public final class ConsoleReport {
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";

    private ConsoleReport() {}

    /**
     * True when stdout and stdin are a terminal ({@link System#console()} exists) and neither {@code NO_COLOR} is
     * set (no-color.org) nor {@code TERM} is {@code dumb}.
     */
    public static boolean colorByDefault() {
        String term = System.getenv("TERM");
        return System.console() != null && System.getenv("NO_COLOR") == null && !"dumb".equals(term);
    }

    public static String render(ValidationResult r, boolean color) {
        StringBuilder sb = new StringBuilder();
        sb.append("validate ").append(Markup.console(r.model())).append('\n');
        if (r.inputs() != null) sb.append("  inputs: ").append(inputs(r.inputs())).append('\n');
        for (BackendResult b : r.backends()) {
            String name = Markup.console(b.backend());
            switch (b.status()) {
                case SKIPPED -> line(sb, color, YELLOW, "SKIP", name + ": " + Markup.console(b.message()));
                case LOAD_FAILED -> line(sb, color, RED, "FAIL", name + ": did not load: "
                        + Markup.console(b.message()));
                case RUN_FAILED -> line(sb, color, RED, "FAIL", name + ": forward call failed: "
                        + Markup.console(b.message()));
                default -> { }
            }
            for (RoundComparisons.Row row : RoundComparisons.rows(r.inputs(), b)) {
                OutputComparison c = row.comparison();
                String round = row.round() == null ? "" : "  " + Markup.console(row.round());
                line(sb, color, c.passed() ? GREEN : RED, c.passed() ? "PASS" : "FAIL",
                        name + "  " + Markup.console(c.name()) + round + "  " + output(c));
            }
        }
        if (r.divergence() != null) sb.append("  ").append(Markup.console(r.divergence().describe())).append('\n');
        if (r.bench() != null) bench(sb, r.bench(), color);
        boolean ok = r.passed();
        sb.append(paint(color, ok ? GREEN : RED, ok ? "PASS" : "FAIL")).append(": ")
                .append(r.exitStatus().description()).append(" (exit status ").append(r.exitStatus().code())
                .append(")\n");
        return sb.toString();
    }

    private static String inputs(InputsInfo in) {
        StringBuilder sb = new StringBuilder();
        if (InputsInfo.FILE.equals(in.source())) sb.append("from ").append(Markup.console(in.file()));
        else {
            // With several batch sizes the first round's count goes with the first shapes listed.
            int first = in.rounds().isEmpty() ? in.samples() : in.rounds().get(0).samples();
            sb.append("random, seed ").append(in.seed()).append(", ").append(first).append(" samples");
            if (!in.rounds().isEmpty()) sb.append(" at ").append(Markup.console(in.rounds().get(0).label()));
        }
        for (InputsInfo.Tensor t : in.tensors()) {
            sb.append(", ").append(Markup.console(t.name())).append(' ')
                    .append(t.dtype() == null ? "?" : t.dtype().irName())
                    .append(java.util.Arrays.toString(t.shape()).replace(" ", ""));
        }
        for (int i = 1; i < in.rounds().size(); i++) {
            InputsInfo.Round round = in.rounds().get(i);
            sb.append("; then ").append(Markup.console(round.label())).append(": ").append(round.samples())
                    .append(round.samples() == 1 ? " sample" : " samples");
            for (InputsInfo.Tensor t : round.tensors()) {
                sb.append(", ").append(Markup.console(t.name())).append(' ')
                        .append(java.util.Arrays.toString(t.shape()).replace(" ", ""));
            }
        }
        return sb.toString();
    }

    private static String output(OutputComparison c) {
        if (!c.passed() && (c.expected() == null || c.actual() == null || !c.shapeMatch() || !c.dtypeMatch())) {
            return Markup.console(c.problem());
        }
        return c.actual() + "  max abs " + Format.sci(c.maxAbsErr()) + "  max rel " + Format.sci(c.maxRelErr())
                + "  " + c.mismatches() + "/" + c.elements() + " outside " + c.tolerance();
    }

    private static void bench(StringBuilder sb, BenchResult b, boolean color) {
        sb.append("  speed: ").append(b.threads()).append(" threads, batch ").append(b.batch()).append(", ")
                .append(b.runs()).append(" runs\n");
        Map<String, Double> ratios = b.ratios();
        for (Map.Entry<String, Timings> e : b.sides().entrySet()) {
            Timings t = e.getValue();
            String text = String.format(Locale.ROOT, "%-18s p50 %s  p90 %s  %.1f items/s",
                    Markup.console(e.getKey()), Format.millis(t.p50Ms()), Format.millis(t.p90Ms()), t.throughput());
            Double ratio = ratios.get(e.getKey());
            if (ratio != null) text += String.format(Locale.ROOT, "  %.2fx TF", ratio);
            boolean slow = b.tooSlow().contains(e.getKey());
            if (slow) text += "  exceeds --max-slowdown " + b.maxSlowdown();
            sb.append("    ").append(slow ? paint(color, RED, text) : text).append('\n');
        }
    }

    private static void line(StringBuilder sb, boolean color, String ansi, String tag, String text) {
        sb.append("  ").append(paint(color, ansi, "[" + tag + "]")).append(' ').append(text).append('\n');
    }

    private static String paint(boolean color, String ansi, String text) {
        return color ? ansi + text + RESET : text;
    }
}
