package org.wubloader.common.http;

import java.io.IOException;

/**
 * Why a GET through {@link HttpGet} did not deliver a body: one type for every service, with
 * the case as a {@link Kind} (and the status for {@link Kind#STATUS}).
 */
public final class HttpClientException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The ways a GET ends without a body. */
    public enum Kind {
        /** The server answered with a status we do not accept. */
        STATUS,
        /** No headers within the header timeout, a body that stalled, or the overall deadline passed. */
        TIMEOUT,
        /** We gave up on purpose (shutdown, the peer was removed, a caller's own deadline). */
        ABORTED,
        /** The body is larger than the maximum we accept. */
        TOO_LARGE
    }

    private final Kind kind;
    private final int status;

    private HttpClientException(Kind kind, int status, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
    }

    /** {@code what: HTTP 404 (first bytes of the error body)}. */
    public static HttpClientException status(String what, int status, String body) {
        return new HttpClientException(
                Kind.STATUS, status, what + ": HTTP " + status + (body.isEmpty() ? "" : " (" + body + ")"));
    }

    public static HttpClientException timeout(String message) {
        return new HttpClientException(Kind.TIMEOUT, 0, message);
    }

    public static HttpClientException aborted(String message) {
        return new HttpClientException(Kind.ABORTED, 0, message);
    }

    public static HttpClientException tooLarge(String what, long maxBytes) {
        return new HttpClientException(Kind.TOO_LARGE, 0, what + ": body larger than " + maxBytes + " bytes");
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status for {@link Kind#STATUS}, else 0. */
    public int status() {
        return status;
    }

    /** Whether {@code error} is an HTTP status failure with one of {@code statuses}. */
    public static boolean isStatus(Throwable error, int... statuses) {
        if (error instanceof HttpClientException e && e.kind == Kind.STATUS) {
            for (int s : statuses) {
                if (e.status == s) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code error} is an {@code HttpClientException} of {@code kind}. */
    public static boolean is(Throwable error, Kind kind) {
        return error instanceof HttpClientException e && e.kind == kind;
    }
}
