package org.tf2torch.cli.zoo;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Progress of a run: on a terminal a bar redrawn in place (cases done/total, pass and fail counts, rate, ETA);
 * elsewhere (CI logs, files) one plain line every {@code intervalSeconds} and one at the end, so logs stay short.
 */
public final class Progress implements Consumer<CaseResult> {
    private final PrintWriter out;
    private final boolean tty;
    private final long intervalNanos;
    private final int total;
    private final int skipped;
    private final long t0 = System.nanoTime();
    private long lastPrint = System.nanoTime();
    private int done;
    private int pass;
    private int fail;

    /** {@code earlier}: cases recorded by an earlier run, counted as done but not in the rate. */
    public Progress(PrintWriter out, boolean tty, long intervalSeconds, int total, java.util.List<CaseResult> earlier) {
        this.out = out;
        this.tty = tty;
        this.intervalNanos = intervalSeconds * 1_000_000_000L;
        this.total = total;
        this.skipped = earlier.size();
        this.done = skipped;
        for (CaseResult r : earlier) {
            if (r.status() == CaseResult.Status.PASS) pass++;
            else fail++;
        }
    }

    @Override
    public synchronized void accept(CaseResult r) {
        done++;
        if (r.status() == CaseResult.Status.PASS) pass++;
        else fail++;
        long now = System.nanoTime();
        boolean last = done == total;
        if (tty && (now - lastPrint > 100_000_000L || last)) {
            out.print("\r" + bar() + line(now) + "\u001b[K" + (last ? "\n" : ""));
            out.flush();
            lastPrint = now;
        } else if (!tty && intervalNanos >= 0 && (now - lastPrint >= intervalNanos || last)) {
            out.println(line(now));
            out.flush();
            lastPrint = now;
        }
    }

    private String bar() {
        int width = 24;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] ";
    }

    String line(long now) {
        double secs = (now - t0) / 1e9;
        int ran = done - skipped;
        double rate = secs > 0 ? ran / secs : 0;
        String eta = rate > 0 ? clock((total - done) / rate) : "?";
        return String.format(Locale.ROOT, "%d/%d cases (%d%%), %d pass, %d not pass, %.1f cases/s, ETA %s", done,
                total, total == 0 ? 100 : done * 100 / total, pass, fail, rate, eta);
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
