package org.tf2torch.exporters.pytorch;

/**
 * The one escaper for model-supplied text in generated code: string literals (output keys) and comment text
 * (TF node names, the header). A literal must mean the same to CPython and to TorchScript's lexer, which
 * parses the archive's code; that lexer knows neither hex nor unicode escapes nor the one for carriage
 * return, so ASCII control characters become three-digit octal escapes, which both read alike. Non-ASCII
 * characters stay as they are (UTF-8 in both files): no escape for them reads the same in both languages,
 * and inside a literal they can end neither the line nor the string.
 */
public final class PyStrings {
    private PyStrings() {}

    /** A double-quoted literal equal to {@code s} in Python and TorchScript. */
    public static String literal(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    sb.append(c).append(s.charAt(++i));
                    continue;
                }
                // Cannot be written as UTF-8 at all; protobuf strings never hold one.
                throw new IllegalArgumentException("unpaired surrogate at index " + i + " of a name");
            }
            appendEscaped(sb, c);
        }
        return sb.append('"').toString();
    }

    /**
     * Text for a {@code #} comment: printable ASCII only, everything else escaped, so nothing can end the
     * comment line (newline, carriage return) or hide in it (bidirectional overrides, line separators).
     */
    public static String comment(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) sb.append(c);
            else if (c == '\n') sb.append("\\n");
            else if (c < 0x80) sb.append(String.format("\\%03o", (int) c));
            else sb.append(String.format("\\u%04x", (int) c));
        }
        return sb.toString();
    }

    /** A quoted name inside a comment: the literal, made ASCII. */
    public static String quotedComment(String s) {
        return comment(literalLenient(s));
    }

    /** Like {@link #literal} but turns unpaired surrogates into U+FFFD; for comments, which need no fidelity. */
    private static String literalLenient(String s) {
        StringBuilder clean = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) clean.append(c).append(s.charAt(++i));
            else clean.append(Character.isSurrogate(c) ? '\ufffd' : c);
        }
        return literal(clean.toString());
    }

    private static void appendEscaped(StringBuilder sb, char c) {
        switch (c) {
            case '"': sb.append("\\\""); break;
            case '\\': sb.append("\\\\"); break;
            case '\n': sb.append("\\n"); break;
            case '\t': sb.append("\\t"); break;
            default:
                if (c < 0x20 || c == 0x7f) sb.append(String.format("\\%03o", (int) c));
                else sb.append(c);
        }
    }
}
