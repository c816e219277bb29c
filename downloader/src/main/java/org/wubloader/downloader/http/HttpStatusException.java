package org.wubloader.downloader.http;

import java.net.URI;

/** A response with a status we do not accept (anything but 2xx, unless said otherwise). */
public final class HttpStatusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpStatusException(int status, URI uri) {
        super("HTTP " + status + " from " + Redact.uri(uri));
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 403 (Twitch: expired URL) or 404 (very old, or the stream is offline). */
    public boolean gone() {
        return status == 403 || status == 404;
    }

    /** Whether {@code error} is an HTTP 403 or 404. */
    public static boolean isGone(Throwable error) {
        return error instanceof HttpStatusException e && e.gone();
    }
}
