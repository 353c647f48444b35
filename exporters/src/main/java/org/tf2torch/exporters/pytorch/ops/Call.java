package org.tf2torch.exporters.pytorch.ops;

import java.util.ArrayList;
import java.util.List;

/**
 * One function call rendered for a {@link Dialect}. Optional arguments are keywords in model.py, left out
 * when they equal the Python default, and positional in the archive, where every one is written so the
 * positions line up with the aten schema. That only works for functions whose Python signature lists the
 * arguments in the aten schema's order (conv, pools, pad, softmax, sum, ...); emitters for the others
 * (batch_norm) build each dialect's call themselves.
 */
public final class Call {
    private final Dialect dialect;
    private final String fn;
    private final List<String> args = new ArrayList<>();
    private boolean keywordsStarted;

    Call(Dialect dialect, String fn) {
        this.dialect = dialect;
        this.fn = fn;
    }

    /** A positional argument in both dialects. */
    public Call arg(String expr) {
        if (keywordsStarted) throw new IllegalStateException("positional argument after keywords in " + fn);
        args.add(expr);
        return this;
    }

    /** A keyword in model.py (omitted when equal to {@code eagerDefault}), positional in the archive. */
    public Call opt(String name, String expr, String eagerDefault) {
        if (dialect == Dialect.SCRIPT) return arg(expr);
        if (!expr.equals(eagerDefault)) {
            keywordsStarted = true;
            args.add(name + "=" + expr);
        }
        return this;
    }

    /** A keyword-only argument of the schema ({@code dtype=}, {@code rounding_mode=}): a keyword in both. */
    public Call kwOnly(String name, String expr) {
        keywordsStarted = true;
        args.add(name + "=" + expr);
        return this;
    }

    public String render() { return fn + "(" + String.join(", ", args) + ")"; }

    @Override
    public String toString() { return render(); }
}
