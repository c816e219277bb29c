package org.wubloader.restreamer.http;

/**
 * A request that cannot be answered normally: carries the status and the one-line reason sent as
 * the body. Thrown anywhere in request handling (worker threads included) and turned into a reply
 * by {@link Replies#error}; bad input must never surface as a 500.
 */
public final class HttpError extends RuntimeException {
    private final int status;
    private final int retryAfterSeconds;

    public HttpError(int status, String reason) {
        this(status, reason, -1);
    }

    /** @param retryAfterSeconds sent as {@code Retry-After} when ≥ 0 (a 503 for a busy node) */
    public HttpError(int status, String reason, int retryAfterSeconds) {
        super(reason, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return getMessage();
    }

    public static HttpError badRequest(String reason) {
        return new HttpError(400, reason);
    }

    public static HttpError forbidden(String reason) {
        return new HttpError(403, reason);
    }

    public static HttpError notFound(String reason) {
        return new HttpError(404, reason);
    }

    public static HttpError notAcceptable(String reason) {
        return new HttpError(406, reason);
    }
}
