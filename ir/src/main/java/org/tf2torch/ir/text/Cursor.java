package org.tf2torch.ir.text;

/** Character cursor over one line of IR text, with the small lexing steps the parser needs. */
final class Cursor {
    private final String s;
    private final int line;
    private int pos;
    private int tokenStart;

    Cursor(String s, int line) {
        this.s = s;
        this.line = line;
    }

    void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
    }

    boolean atEnd() {
        skipSpace();
        return pos >= s.length();
    }

    char peek() {
        skipSpace();
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    boolean tryConsume(String token) {
        skipSpace();
        if (s.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    void expect(String token) {
        if (!tryConsume(token)) throw error("expected '" + token + "'");
    }

    /** Letters, digits, '_' and '.', as in value names, op names and dtypes. */
    String word() {
        skipSpace();
        int start = pos;
        tokenStart = start;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '.')) pos++;
        if (start == pos) throw error("expected a name");
        return s.substring(start, pos);
    }

    String valueName() {
        skipSpace();
        int start = pos;
        expect("%");
        String w = word();
        tokenStart = start;
        return w;
    }

    String number() {
        skipSpace();
        int start = pos;
        while (pos < s.length() && "+-0123456789.eEinfa".indexOf(s.charAt(pos)) >= 0) pos++;
        if (start == pos) throw error("expected a number");
        return s.substring(start, pos);
    }

    /** Text up to the matching close bracket, for shapes like {@code [batch,28]}. */
    String bracketed() {
        skipSpace();
        int start = pos;
        expect("[");
        int end = s.indexOf(']', pos);
        if (end < 0) throw error("unclosed '['");
        pos = end + 1;
        return s.substring(start, pos);
    }

    String string() {
        skipSpace();
        expect("\"");
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) throw error("unterminated string");
            char c = s.charAt(pos++);
            if (c == '"') return sb.toString();
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= s.length()) throw error("unterminated string");
            char e = s.charAt(pos++);
            switch (e) {
                case 'n': sb.append('\n'); break;
                case 't': sb.append('\t'); break;
                case 'r': sb.append('\r'); break;
                case 'u': sb.append(hex4()); break;
                default: sb.append(e);
            }
        }
    }

    private char hex4() {
        if (pos + 4 > s.length() || !s.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
            throw error("expected four hex digits after \\u");
        }
        pos += 4;
        return (char) Integer.parseInt(s.substring(pos - 4, pos), 16);
    }

    /** Nothing but spaces may follow, so a typo at the end of a line is not silently dropped. */
    void expectEnd() {
        if (!atEnd()) throw error("unexpected text '" + s.substring(pos).trim() + "'");
    }

    IllegalArgumentException error(String what) { return errorAt(pos, what); }

    /** An error about the name just read (an undefined value, an unknown op), pointing at its start. */
    IllegalArgumentException errorAtToken(String what) { return errorAt(tokenStart, what); }

    private IllegalArgumentException errorAt(int at, String what) {
        return new IllegalArgumentException("IR text line " + line + ", column " + (at + 1) + ": " + what + "\n  " + s);
    }
}
