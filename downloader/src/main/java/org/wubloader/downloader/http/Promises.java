package org.wubloader.downloader.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Promise;

/** Completing a promise from a result, if nothing completed it first. */
public final class Promises {
    private Promises() {}

    public static <T> boolean settle(Promise<T> promise, AsyncResult<? extends T> result) {
        return result.succeeded() ? promise.tryComplete(result.result()) : promise.tryFail(result.cause());
    }
}
