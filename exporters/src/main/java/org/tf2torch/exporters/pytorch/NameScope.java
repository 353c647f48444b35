package org.tf2torch.exporters.pytorch;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Hands out unique identifiers within one Python scope (the module's attributes, or one method's arguments and
 * locals). Sanitizing first and deduplicating after is what keeps {@code a.b} and {@code a_b} apart: both
 * sanitize to {@code a_b}, the second one gets {@code a_b_2}.
 */
final class NameScope {
    private final Set<String> taken = new HashSet<>();
    private final Predicate<String> reserved;

    NameScope(Predicate<String> reserved) {
        this.reserved = reserved;
    }

    static NameScope forAttributes() { return new NameScope(PyNames::isReservedAttribute); }

    static NameScope forLocals() { return new NameScope(PyNames::isReservedLocal); }

    /** A fresh identifier derived from {@code raw}, through {@link PyNames#identifier(String)}. */
    String claim(String raw) {
        String base = PyNames.identifier(raw);
        if (reserved.test(base)) base = base + "_";
        String candidate = base;
        String stem = base.endsWith("_") ? base : base + "_";
        for (int n = 2; taken.contains(candidate) || reserved.test(candidate); n++) candidate = stem + n;
        taken.add(candidate);
        return candidate;
    }

    boolean isTaken(String name) { return taken.contains(name); }
}
