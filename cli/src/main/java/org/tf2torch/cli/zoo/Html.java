package org.tf2torch.cli.zoo;

/** Escaping for the zoo's HTML pages; also rewrites characters XML cannot hold, so the pages parse as XML. */
final class Html {
    private Html() {}

    static String text(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (pair) sb.append(c).append(s.charAt(++i));
                    else if ((c < 0x20 && c != '\n' && c != '\t') || Character.isSurrogate(c) || c >= 0xfffe) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
