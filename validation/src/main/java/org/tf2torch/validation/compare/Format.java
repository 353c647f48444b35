package org.tf2torch.validation.compare;

import java.util.Locale;

/** Number text shared by messages and reports, so the console, JUnit and HTML say the same thing. */
public final class Format {
    private Format() {}

    /** {@code 1.23e-05}, {@code 0}, {@code inf}, {@code nan}. */
    public static String sci(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return "0";
        return String.format(Locale.ROOT, "%.2e", v);
    }

    /** A value as it appears in an output: integers without a fraction. */
    public static String value(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        if (Double.isNaN(v) || Double.isInfinite(v)) return sci(v);
        return String.format(Locale.ROOT, "%.7g", v);
    }

    /** Milliseconds with three significant-looking digits: {@code 12.3 ms}, {@code 0.412 ms}. */
    public static String millis(double ms) {
        if (ms >= 100) return String.format(Locale.ROOT, "%.0f ms", ms);
        if (ms >= 10) return String.format(Locale.ROOT, "%.1f ms", ms);
        if (ms >= 1) return String.format(Locale.ROOT, "%.2f ms", ms);
        return String.format(Locale.ROOT, "%.3f ms", ms);
    }
}
