package org.wubloader.downloader.http;

import java.net.URI;

/**
 * URIs as they go into logs: without the query, which for Twitch holds the signed access
 * token, and which makes every line unique for no benefit.
 */
public final class Redact {
    private Redact() {}

    public static String uri(URI uri) {
        if (uri == null) {
            return "null";
        }
        String s = uri.toString();
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q) + "?…";
    }
}
