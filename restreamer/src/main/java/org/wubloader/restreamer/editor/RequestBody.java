package org.wubloader.restreamer.editor;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import org.wubloader.restreamer.http.HttpError;

/** Reads a request body of at most {@code max} bytes; more → 413 (a Content-Length over it is refused before reading). */
public final class RequestBody {
    private RequestBody() {}

    public static Future<Buffer> read(HttpServerRequest request, int max) {
        String length = request.getHeader("Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                return Future.failedFuture(HttpError.badRequest("bad Content-Length '" + length + "'"));
            }
            if (n > max) {
                return Future.failedFuture(tooLarge(max));
            }
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (promise.future().isComplete()) {
                return;
            }
            if (body.length() + chunk.length() > max) {
                promise.tryFail(tooLarge(max));
                request.pause();
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(promise::tryFail);
        request.endHandler(v -> promise.tryComplete(body));
        return promise.future();
    }

    private static HttpError tooLarge(int max) {
        return new HttpError(413, "request body larger than " + (max >> 20) + " MiB");
    }
}
