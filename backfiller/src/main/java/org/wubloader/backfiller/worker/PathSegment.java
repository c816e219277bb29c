package org.wubloader.backfiller.worker;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of one URL path segment (RFC 3986 pchar); segment names keep their ':'. */
final class PathSegment {
    private static final String HEX = "0123456789ABCDEF";

    private PathSegment() {}

    static String encode(String part) {
        StringBuilder out = new StringBuilder(part.length() + 8);
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            }
        }
        return out.toString();
    }
}
