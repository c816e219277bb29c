package org.wubloader.downloader.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Function;

/**
 * Paired timeouts (spec §6): a soft timeout starts something else while the operation goes
 * on; a hard timeout abandons it. Both are timers on the caller's context, cancelled when
 * the operation ends.
 */
public final class Deadline {
    private Deadline() {}

    /**
     * Runs {@code operation} with a cancel signal that fires at the hard timeout, and fails
     * the result with {@link TimeoutException} then (whatever the operation does later).
     *
     * @param onSoft run once if the operation is still going after {@code soft}; null for none
     */
    public static <T> Future<T> run(Vertx vertx, String what, Duration soft, Runnable onSoft, Duration hard,
            Function<Future<Void>, Future<T>> operation) {
        Promise<T> result = Promise.promise();
        Promise<Void> cancel = Promise.promise();
        long softTimer = onSoft == null ? -1 : vertx.setTimer(millis(soft), id -> {
            if (!result.future().isComplete()) {
                onSoft.run();
            }
        });
        long hardMillis = millis(hard);
        long hardTimer = vertx.setTimer(hardMillis, id -> {
            if (result.tryFail(new TimeoutException(what, hardMillis))) {
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

    public static long millis(Duration d) {
        return Math.max(1, d.toMillis());
    }
}
