package org.wubloader.common.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A small body (a listing, an extra file, a playlist) collected in memory up to a cap. Each
 * chunk is copied out and released at once (see {@link DirectBodies}), on every path.
 */
public final class SmallBody {
    private SmallBody() {}

    /**
     * Completes with the whole body, or fails with {@link HttpClientException.Kind#TOO_LARGE} once
     * more than {@code maxBytes} arrive (the rest is released unread), or with the stream's error.
     */
    public static Future<Buffer> collect(ReadStream<Buffer> body, long maxBytes, String what) {
        Promise<Buffer> promise = Promise.promise();
        Buffer out = Buffer.buffer();
        body.exceptionHandler(promise::tryFail);
        body.handler(chunk -> {
            if (promise.future().isComplete()) {
                DirectBodies.release(chunk);
            } else if (out.length() + (long) chunk.length() > maxBytes) {
                DirectBodies.release(chunk);
                promise.tryFail(HttpClientException.tooLarge(what, maxBytes));
            } else {
                DirectBodies.appendAndRelease(out, chunk);
            }
        });
        body.endHandler(v -> promise.tryComplete(out));
        return promise.future();
    }
}
