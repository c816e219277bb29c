package org.wubloader.common.http;

import java.nio.charset.StandardCharsets;

/**
 * URL path parts, one rule for every service: how a file name goes into a URL, and which names
 * received from elsewhere (a peer's listing, a request path) may become a file name here.
 */
public final class UrlPaths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlPaths() {}

    /**
     * Percent-encodes one path part (UTF-8; only RFC 3986 unreserved characters stay as they are,
     * so the {@code :} of segment names becomes {@code %3A}, as the original's playlists write it).
     */
    public static String encodePart(String part) {
        int i = 0;
        while (i < part.length() && unreserved(part.charAt(i))) {
            i++;
        }
        if (i == part.length()) {
            return part;
        }
        StringBuilder out = new StringBuilder(part.length() + 8);
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && unreserved((char) c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return out.toString();
    }

    public static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** A bare file name that cannot escape its directory or hide itself. */
    public static boolean isSafeName(String name) {
        return !name.isEmpty()
                && !name.startsWith(".")
                && name.indexOf('/') < 0
                && name.indexOf('\\') < 0
                && name.indexOf('\0') < 0;
    }
}
