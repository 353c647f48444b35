package org.tf2torch.validation.report;

/**
 * The one escaper for XML and HTML output. Beyond the five special characters it rewrites characters XML 1.0
 * cannot hold at all (NUL and other controls, lone surrogates, U+FFFE/U+FFFF) as visible {@code \\uXXXX} text,
 * since a CI server rejects the whole file over one such character in a node name.
 */
final class Markup {
    private Markup() {}

    /** Text content. */
    static String text(String s) {
        return escape(s, false);
    }

    /** A double-quoted attribute value; line breaks and tabs become references so that parsers keep them. */
    static String attr(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean attribute) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&#39;"); break;
                case '\n': sb.append(attribute ? "&#10;" : "\n"); break;
                case '\r': sb.append("&#13;"); break;
                case '\t': sb.append(attribute ? "&#9;" : "\t"); break;
                default:
                    boolean pair = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                    if (Character.isHighSurrogate(c) && pair) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xfffe || c == 0xffff) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.toString();
    }

    /**
     * Text for a terminal: control characters (ESC above all, which could rewrite the screen) and bidirectional
     * overrides become {@code \\uXXXX}, so a node name cannot forge a PASS line.
     */
    static String console(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || bidi) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }
}
