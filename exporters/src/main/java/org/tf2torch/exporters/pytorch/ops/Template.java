package org.tf2torch.exporters.pytorch.ops;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multi-statement code written from a text block: {@code {name}} slots take a fixed expression when one is
 * given, otherwise a fresh local (one per name, prefixed); lines that start with {@code ?flag } are kept only
 * when that flag is set. The text is the same in both dialects, so it uses only what both accept: torch
 * functions with positional arguments, int/bool/float(...) conversions, subscripts and Python control flow.
 */
final class Template {
    private static final Pattern SLOT = Pattern.compile("\\{(\\w+)}");

    private final EmitContext ctx;
    private final String prefix;
    private final Map<String, String> fixed = new HashMap<>();
    private final Map<String, String> locals = new HashMap<>();

    Template(EmitContext ctx, String prefix) {
        this.ctx = ctx;
        this.prefix = prefix;
    }

    Template set(String slot, String expr) {
        fixed.put(slot, expr);
        return this;
    }

    /** The local behind {@code slot}, claimed now if no line has used it yet. */
    String local(String slot) { return locals.computeIfAbsent(slot, k -> ctx.freshName(prefix + k)); }

    void write(String text, Set<String> flags) {
        for (String line : text.split("\n")) {
            if (line.startsWith("?")) {
                int sp = line.indexOf(' ');
                if (!flags.contains(line.substring(1, sp))) continue;
                line = line.substring(sp + 1);
            }
            Matcher m = SLOT.matcher(line);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String key = m.group(1);
                m.appendReplacement(sb, Matcher.quoteReplacement(fixed.containsKey(key) ? fixed.get(key) : local(key)));
            }
            m.appendTail(sb);
            ctx.statement(sb.toString());
        }
    }
}
