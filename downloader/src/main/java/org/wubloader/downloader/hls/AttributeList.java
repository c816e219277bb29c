package org.wubloader.downloader.hls;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 8216 attribute lists: comma-separated {@code KEY=VALUE}, where a value is either a
 * quoted string (which may contain commas) or a bare token. Quotes are removed from values.
 * Whitespace around items is tolerated because some servers write {@code ", "}.
 */
final class AttributeList {
    private AttributeList() {}

    /** Parses {@code text}; the returned map is unmodifiable and keeps the document order. */
    static Map<String, String> parse(String text, Line line) {
        Map<String, String> attributes = new LinkedHashMap<>();
        int pos = 0;
        int length = text.length();
        while (pos < length) {
            pos = skipSpaces(text, pos);
            if (pos >= length) {
                break;
            }
            int equals = text.indexOf('=', pos);
            if (equals < 0) {
                throw line.error("attribute without '=' in " + PlaylistText.abbreviate(text));
            }
            String key = text.substring(pos, equals).strip();
            if (key.isEmpty() || key.indexOf(',') >= 0) {
                throw line.error("malformed attribute list " + PlaylistText.abbreviate(text));
            }
            pos = skipSpaces(text, equals + 1);
            String value;
            if (pos < length && text.charAt(pos) == '"') {
                int close = text.indexOf('"', pos + 1);
                if (close < 0) {
                    throw line.error("unterminated quoted value for " + key);
                }
                value = text.substring(pos + 1, close);
                pos = skipSpaces(text, close + 1);
                if (pos < length && text.charAt(pos) != ',') {
                    throw line.error("unexpected text after the quoted value of " + key);
                }
            } else {
                int comma = text.indexOf(',', pos);
                int end = comma < 0 ? length : comma;
                value = text.substring(pos, end).strip();
                pos = end;
            }
            attributes.put(key, value);
            pos++; // past the comma, or past the end
        }
        return Collections.unmodifiableMap(attributes);
    }

    /** An unmodifiable copy that, unlike {@code Map.copyOf}, keeps the iteration order. */
    static Map<String, String> immutableCopy(Map<String, String> attributes) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    private static int skipSpaces(String text, int pos) {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
        return pos;
    }
}
