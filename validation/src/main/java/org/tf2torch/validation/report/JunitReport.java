package org.tf2torch.validation.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tf2torch.validation.bench.BenchResult;
import org.tf2torch.validation.bench.Timings;
import org.tf2torch.validation.compare.BackendResult;
import org.tf2torch.validation.compare.Format;
import org.tf2torch.validation.compare.OutputComparison;
import org.tf2torch.validation.compare.SampleComparison;
import org.tf2torch.validation.compare.ValidationResult;

/**
 * JUnit XML (the Ant/Surefire dialect every CI system reads). One {@code testsuite} per backend with the test cases
 * {@code load}, {@code run}, {@code shape: <output>} and {@code values: <output>}, and a {@code bench} suite with
 * one case per PyTorch side; so a CI page lists which output of which backend failed and why. A load or run failure
 * is an {@code error} (the converted model is broken), an output out of tolerance a {@code failure}.
 */
public final class JunitReport {
    private enum Kind { PASS, FAILURE, ERROR, SKIPPED }

    private record Case(String classname, String name, Kind kind, String message, String detail) {}

    private JunitReport() {}

    public static void write(Path file, ValidationResult r, Environment env) throws IOException {
        Files.writeString(file, toXml(r, env), StandardCharsets.UTF_8);
    }

    public static String toXml(ValidationResult r, Environment env) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        List<List<Case>> suites = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (BackendResult b : r.backends()) {
            names.add("tf2torch." + b.backend());
            suites.add(backendCases(r, b));
        }
        if (r.bench() != null) {
            names.add("tf2torch.bench");
            suites.add(benchCases(r.bench()));
        }
        List<Case> all = suites.stream().flatMap(List::stream).toList();
        sb.append("<testsuites name=\"tf2torch validate\"");
        counts(sb, all);
        sb.append(">\n");
        for (int i = 0; i < suites.size(); i++) suite(sb, names.get(i), suites.get(i), r, env);
        return sb.append("</testsuites>\n").toString();
    }

    private static List<Case> backendCases(ValidationResult r, BackendResult b) {
        String cls = "tf2torch." + b.backend();
        List<Case> cases = new ArrayList<>();
        switch (b.status()) {
            case SKIPPED:
                cases.add(new Case(cls, "load", Kind.SKIPPED, b.message(), null));
                return cases;
            case LOAD_FAILED:
                cases.add(new Case(cls, "load", Kind.ERROR, "the converted model did not load", b.message()));
                return cases;
            case RUN_FAILED:
                cases.add(new Case(cls, "load", Kind.PASS, null, null));
                cases.add(new Case(cls, "run", Kind.ERROR, "a forward call failed", b.message()));
                break;
            default:
                cases.add(new Case(cls, "load", Kind.PASS, null, null));
                cases.add(new Case(cls, "run", Kind.PASS, null, null));
        }
        String divergence = r.divergence() != null && b.backend().equals(r.divergence().backend())
                ? r.divergence().describe() : null;
        for (OutputComparison c : b.outputs()) {
            boolean typeOk = c.shapeMatch() && c.dtypeMatch();
            cases.add(new Case(cls, "shape: " + c.name(), typeOk ? Kind.PASS : Kind.FAILURE,
                    typeOk ? null : c.problem(), null));
            cases.add(valuesCase(cls, b, c, divergence));
        }
        return cases;
    }

    private static Case valuesCase(String cls, BackendResult b, OutputComparison c, String divergence) {
        String name = "values: " + c.name();
        if (c.expected() == null || c.actual() == null || Double.isNaN(c.maxAbsErr())) {
            return new Case(cls, name, Kind.SKIPPED, "no values compared: " + c.problem(), null);
        }
        if (c.mismatches() == 0) return new Case(cls, name, Kind.PASS, null, null);
        StringBuilder detail = new StringBuilder();
        for (SampleComparison s : b.samples()) {
            for (OutputComparison sc : s.outputs()) {
                if (!sc.name().equals(c.name())) continue;
                detail.append("sample ").append(s.sample()).append(": ")
                        .append(sc.mismatches() == 0 ? "ok, max abs err " + Format.sci(sc.maxAbsErr()) : sc.problem())
                        .append('\n');
            }
        }
        if (divergence != null) detail.append(divergence).append('\n');
        String msg = c.mismatches() + " of " + c.elements() + " elements outside " + c.tolerance()
                + " (max abs err " + Format.sci(c.maxAbsErr()) + ", max rel err " + Format.sci(c.maxRelErr()) + ")";
        return new Case(cls, name, Kind.FAILURE, msg, detail.toString());
    }

    private static List<Case> benchCases(BenchResult bench) {
        List<Case> cases = new ArrayList<>();
        List<String> slow = bench.tooSlow();
        Timings tf = bench.tf();
        for (Map.Entry<String, Double> e : bench.ratios().entrySet()) {
            Timings t = bench.sides().get(e.getKey());
            String line = e.getKey() + " p50 " + Format.millis(t.p50Ms()) + " vs tf " + Format.millis(tf.p50Ms())
                    + String.format(java.util.Locale.ROOT, " (%.2fx)", e.getValue());
            boolean fail = slow.contains(e.getKey());
            cases.add(new Case("tf2torch.bench", "bench: " + e.getKey(), fail ? Kind.FAILURE : Kind.PASS,
                    fail ? line + " exceeds --max-slowdown " + bench.maxSlowdown() : null, line));
        }
        return cases;
    }

    private static void suite(StringBuilder sb, String name, List<Case> cases, ValidationResult r, Environment env) {
        sb.append("  <testsuite name=\"").append(Markup.attr(name)).append('"');
        counts(sb, cases);
        sb.append(">\n    <properties>\n");
        property(sb, "model", r.model());
        property(sb, "exit_status", Integer.toString(r.exitStatus().code()));
        if (env != null) {
            for (Map.Entry<String, Object> e : env.toMap().entrySet()) {
                if (e.getValue() != null) property(sb, e.getKey(), e.getValue().toString());
            }
        }
        sb.append("    </properties>\n");
        for (Case c : cases) testcase(sb, c);
        sb.append("  </testsuite>\n");
    }

    private static void property(StringBuilder sb, String name, String value) {
        sb.append("      <property name=\"").append(Markup.attr(name)).append("\" value=\"").append(Markup.attr(value))
                .append("\"/>\n");
    }

    private static void testcase(StringBuilder sb, Case c) {
        sb.append("    <testcase classname=\"").append(Markup.attr(c.classname())).append("\" name=\"")
                .append(Markup.attr(c.name())).append('"');
        if (c.kind() == Kind.PASS && c.detail() == null) {
            sb.append("/>\n");
            return;
        }
        sb.append(">\n");
        String tag = switch (c.kind()) {
            case FAILURE -> "failure";
            case ERROR -> "error";
            case SKIPPED -> "skipped";
            default -> null;
        };
        if (tag != null) {
            sb.append("      <").append(tag).append(" message=\"").append(Markup.attr(c.message())).append('"');
            if (c.kind() != Kind.SKIPPED) sb.append(" type=\"").append(tag).append('"');
            if (c.detail() == null || c.kind() == Kind.SKIPPED) sb.append("/>\n");
            else sb.append('>').append(Markup.text(c.detail())).append("</").append(tag).append(">\n");
        }
        if (c.kind() == Kind.PASS) {
            sb.append("      <system-out>").append(Markup.text(c.detail())).append("</system-out>\n");
        }
        sb.append("    </testcase>\n");
    }

    private static void counts(StringBuilder sb, List<Case> cases) {
        long failures = cases.stream().filter(c -> c.kind() == Kind.FAILURE).count();
        long errors = cases.stream().filter(c -> c.kind() == Kind.ERROR).count();
        long skipped = cases.stream().filter(c -> c.kind() == Kind.SKIPPED).count();
        sb.append(" tests=\"").append(cases.size()).append("\" failures=\"").append(failures)
                .append("\" errors=\"").append(errors).append("\" skipped=\"").append(skipped).append('"');
    }
}
