package org.tf2torch.cli.zoo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.tf2torch.importers.ImportReport;
import org.tf2torch.importers.ModelImporter;
import org.tf2torch.importers.UnsupportedOpsException;
import org.tf2torch.ir.json.Json;

/**
 * Imports every model without converting or running it, and ranks the TF ops the importer lacks by how many
 * models each one blocks, so a team knows what to implement first. "Sole blocker" counts the models that op alone
 * keeps from importing: implementing it unblocks exactly those.
 */
public final class Preflight {
    /** One missing op: the models it blocks, those it alone blocks, and its node count over all of them. */
    public record MissingOp(String op, List<String> models, int soleBlocker, int nodes) {}

    /** The whole picture: ranked ops, how many models import, and the other import failures by reason. */
    public record Result(int models, int imported, int blocked, List<MissingOp> ops, Map<String, Integer> otherErrors) {}

    private Preflight() {}

    public static Result run(List<ZooCase> cases, Consumer<String> progress) {
        Map<String, TreeSet<String>> blocks = new TreeMap<>();
        Map<String, Integer> sole = new TreeMap<>();
        Map<String, Integer> nodes = new TreeMap<>();
        Map<String, Integer> other = new TreeMap<>();
        int imported = 0;
        int blocked = 0;
        for (ZooCase c : cases) {
            try {
                CaseSetup s = CaseSetup.of(c);
                ModelImporter.load(s.model(), s.io());
                imported++;
            } catch (UnsupportedOpsException e) {
                blocked++;
                List<String> ops = e.report().unsupportedOps();
                for (String op : ops) blocks.computeIfAbsent(op, k -> new TreeSet<>()).add(c.id());
                if (ops.size() == 1) sole.merge(ops.get(0), 1, Integer::sum);
                for (ImportReport.Entry en : e.report().unsupported()) nodes.merge(en.op(), en.count(), Integer::sum);
            } catch (IOException | RuntimeException | StackOverflowError e) {
                String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
                other.merge(ZooReports.stem(m), 1, Integer::sum);
            }
            progress.accept(c.id());
        }
        List<MissingOp> ops = new ArrayList<>();
        blocks.forEach((op, models) -> ops.add(new MissingOp(op, List.copyOf(models), sole.getOrDefault(op, 0),
                nodes.getOrDefault(op, 0))));
        ops.sort((a, b) -> a.models().size() != b.models().size() ? b.models().size() - a.models().size()
                : a.soleBlocker() != b.soleBlocker() ? b.soleBlocker() - a.soleBlocker() : a.op().compareTo(b.op()));
        return new Result(cases.size(), imported, blocked, ops, other);
    }

    /** The ranked table for the console (and, with pipes, for Markdown). */
    public static String table(Result r, boolean markdown) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d models: %d import, %d blocked by unsupported ops, %d fail to import "
                + "for other reasons.%n%n", r.models(), r.imported(), r.blocked(),
                r.otherErrors().values().stream().mapToInt(Integer::intValue).sum()));
        if (markdown) sb.append("| rank | TF op | models blocked | sole blocker of | nodes | e.g. |\n|---|---|---|---|---|---|\n");
        else sb.append(String.format(Locale.ROOT, "%4s  %-40s %7s %7s %7s  %s%n", "rank", "missing TF op", "blocks",
                "alone", "nodes", "e.g."));
        int rank = 0;
        for (MissingOp o : r.ops()) {
            rank++;
            String eg = o.models().get(0) + (o.models().size() > 1 ? ", ..." : "");
            if (markdown) {
                sb.append("| ").append(rank).append(" | `").append(o.op()).append("` | ").append(o.models().size())
                        .append(" | ").append(o.soleBlocker()).append(" | ").append(o.nodes()).append(" | `")
                        .append(eg).append("` |\n");
            } else {
                sb.append(String.format(Locale.ROOT, "%4d  %-40s %7d %7d %7d  %s%n", rank, o.op(), o.models().size(),
                        o.soleBlocker(), o.nodes(), eg));
            }
        }
        if (!r.otherErrors().isEmpty()) {
            sb.append(markdown ? "\n## Other import failures\n\n| reason | models |\n|---|---|\n" : "\nOther import failures:\n");
            r.otherErrors().forEach((k, v) -> sb.append(markdown ? "| " + k.replace("|", "\\|") + " | " + v + " |\n"
                    : String.format(Locale.ROOT, "%6d  %s%n", v, k)));
        }
        return sb.toString();
    }

    public static void write(Path out, String root, Result r) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", 1);
        m.put("root", root);
        m.put("models", r.models());
        m.put("imported", r.imported());
        m.put("blocked", r.blocked());
        List<Object> ops = new ArrayList<>();
        for (MissingOp o : r.ops()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("op", o.op());
            e.put("models_blocked", o.models().size());
            e.put("sole_blocker", o.soleBlocker());
            e.put("nodes", o.nodes());
            e.put("models", o.models());
            ops.add(e);
        }
        m.put("missing_ops", ops);
        m.put("other_errors", r.otherErrors());
        ZooReports.write(out.resolve("preflight.json"), Json.write(m));
        ZooReports.write(out.resolve("preflight.md"), "# Zoo preflight\n\nRoot: `" + root + "`\n\n" + table(r, true));
    }
}
