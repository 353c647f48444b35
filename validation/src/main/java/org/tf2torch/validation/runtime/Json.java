package org.tf2torch.validation.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object writer just big enough for the Python driver's requests, so this module needs no JSON library.
 * Values are strings, numbers, booleans, null, nested objects and lists of objects.
 */
final class Json {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Json put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    String get(String key) {
        Object v = fields.get(key);
        return v == null ? null : v.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        write(sb, this);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Json) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : ((Json) v).fields.entrySet()) {
                if (!first) sb.append(", ");
                first = false;
                string(sb, e.getKey());
                sb.append(": ");
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List) {
            sb.append('[');
            List<?> list = (List<?>) v;
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) sb.append(", ");
                write(sb, list.get(i));
            }
            sb.append(']');
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else {
            string(sb, v.toString());
        }
    }

    /** Escapes quotes, backslashes and every control or non-ASCII char, so odd file names survive. */
    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        sb.append('"');
    }
}
