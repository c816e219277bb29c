package org.wubloader.downloader.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Function;
import org.wubloader.common.http.HttpClientException;
import org.wubloader.downloader.Timings.SoftHard;

/**
 * Paired timeouts (docs/downloader.md §6): a soft timeout starts something else while the operation goes
 * on; a hard timeout abandons it. Both are timers on the caller's context, cancelled when
 * the operation ends. They sit on top of common's {@code HttpGet}: the cancel signal resets
 * the operation's requests ({@code HttpGet.cancelOn}), which may be more than one (Twitch:
 * token, then master playlist).
 */
public final class Deadline {
    private Deadline() {}

    /**
     * Runs {@code operation} with a cancel signal that fires at the hard timeout, and fails
     * the result with a TIMEOUT {@link HttpClientException} then (whatever the operation does later).
     *
     * @param onSoft run once if the operation is still going after {@code limits.soft()}; null for none
     */
    public static <T> Future<T> run(
            Vertx vertx, String what, SoftHard limits, Runnable onSoft, Function<Future<Void>, Future<T>> operation) {
        Promise<T> result = Promise.promise();
        Promise<Void> cancel = Promise.promise();
        long softTimer = onSoft == null
                ? -1
                : vertx.setTimer(millis(limits.soft()), id -> {
                    if (!result.future().isComplete()) {
                        onSoft.run();
                    }
                });
        long hardMillis = millis(limits.hard());
        long hardTimer = vertx.setTimer(hardMillis, id -> {
            if (result.tryFail(timeout(what, hardMillis))) {
                cancel.tryComplete();
            }
        });
        Future<T> running;
        try {
            running = operation.apply(cancel.future());
        } catch (RuntimeException e) {
            running = Future.failedFuture(e);
        }
        running.onComplete(ar -> {
            vertx.cancelTimer(hardTimer);
            if (softTimer >= 0) {
                vertx.cancelTimer(softTimer);
            }
            Promises.settle(result, ar);
        });
        return result.future();
    }

    /** {@code WHAT timed out after N ms}: a hard timeout. */
    public static HttpClientException timeout(String what, long millis) {
        return HttpClientException.timeout(what + " timed out after " + millis + " ms");
    }

    public static long millis(Duration d) {
        return Math.max(1, d.toMillis());
    }
}
