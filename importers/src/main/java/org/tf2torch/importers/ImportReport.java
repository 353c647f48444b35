package org.tf2torch.importers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import could not translate, collected over the whole model rather than stopping at the first
 * problem: per TF op, how many nodes use it and a few of their names with the function they sit in.
 */
public final class ImportReport {
    static final int MAX_EXAMPLES = 5;

    /** One unsupported TF op: node count, first few node locations and the reason given. */
    public static final class Entry {
        private final String op;
        private int count;
        private final List<String> examples = new ArrayList<>();
        private final String reason;

        Entry(String op, String reason) {
            this.op = op;
            this.reason = reason;
        }

        public String op() { return op; }
        public int count() { return count; }
        public List<String> examples() { return Collections.unmodifiableList(examples); }
        public String reason() { return reason; }
    }

    private final Map<String, Entry> unsupported = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();

    /** A node converted with a caveat the user must know (e.g. a random op frozen to fixed values). */
    public void addWarning(String message) { warnings.add(message); }

    /** Warnings in the order the nodes were translated. */
    public List<String> warnings() { return List.copyOf(warnings); }

    /** Records that node {@code node} (in {@code function}, empty for the top graph) of op {@code op} failed. */
    public void addUnsupported(String op, String node, String function, String reason) {
        String key = op + "\u0000" + reason;
        Entry e = unsupported.computeIfAbsent(key, k -> new Entry(op, reason));
        e.count++;
        if (e.examples.size() < MAX_EXAMPLES) e.examples.add(function.isEmpty() ? node : node + " (in " + function + ")");
    }

    public boolean hasUnsupported() { return !unsupported.isEmpty(); }

    public List<Entry> unsupported() { return List.copyOf(unsupported.values()); }

    /** Distinct op types that failed. */
    public List<String> unsupportedOps() {
        List<String> ops = new ArrayList<>();
        for (Entry e : unsupported.values()) if (!ops.contains(e.op)) ops.add(e.op);
        return ops;
    }

    /** Human-readable table for the console. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        int nodes = unsupported.values().stream().mapToInt(Entry::count).sum();
        sb.append(unsupportedOps().size()).append(" unsupported TF op(s) in ").append(nodes).append(" node(s):\n");
        for (Entry e : unsupported.values()) {
            sb.append("  ").append(e.op).append(" x").append(e.count);
            if (!e.reason.isEmpty()) sb.append(" - ").append(e.reason);
            sb.append("\n      e.g. ").append(String.join(", ", e.examples)).append('\n');
        }
        return sb.toString();
    }
}
