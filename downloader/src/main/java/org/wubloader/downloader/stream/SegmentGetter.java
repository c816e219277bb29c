package org.wubloader.downloader.stream;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.retry.Jitter;
import org.wubloader.common.storage.SegmentListing;
import org.wubloader.common.time.HourNames;
import org.wubloader.downloader.http.Deadline;
import org.wubloader.downloader.http.Redact;

/**
 * Gets one segment (docs/downloader.md §6 "Segment getters"): attempts until a {@code full} copy exists,
 * the URL has expired, or the give-up time has passed. A soft timeout starts the next
 * attempt at once while the slow one goes on with its own temp file; retries use a fresh
 * connection pool. Runs on the worker's context.
 */
final class SegmentGetter {
    private static final Logger log = LoggerFactory.getLogger(SegmentGetter.class);

    private final WorkerScope scope;
    private final PollPlan.NewSegment target;
    private final List<PlaylistHistory.Entry> history;
    private final Vertx vertx;
    private final Promise<Void> driverDone = Promise.promise();
    private final Promise<Void> idle = Promise.promise();
    private final Set<SegmentAttempt> live = new HashSet<>();
    private long startNanos;
    private boolean stopRetrying;
    private int attempts;

    SegmentGetter(WorkerScope scope, PollPlan.NewSegment target, List<PlaylistHistory.Entry> history) {
        this.scope = scope;
        this.target = target;
        this.history = history;
        this.vertx = scope.vertx();
    }

    URI uri() {
        return target.segment().uri();
    }

    /** Completes when the getter has stopped trying (its pool slot is free again). */
    Future<Void> driverDone() {
        return driverDone.future();
    }

    /** Completes when, besides, no attempt of it is running any more. */
    Future<Void> idle() {
        return idle.future();
    }

    int liveAttempts() {
        return live.size();
    }

    void start() {
        startNanos = System.nanoTime();
        drive(true);
    }

    /** Shutdown: no further attempts; running ones go on. */
    void stopRetrying() {
        stopRetrying = true;
    }

    /** Shutdown after the grace: running attempts stop now, keeping what they have as partial. */
    void abort() {
        stopRetrying = true;
        for (SegmentAttempt attempt : List.copyOf(live)) {
            attempt.abort();
        }
    }

    /** The driver: the procedure again after any unexpected error. */
    private void drive(boolean first) {
        procedure(first).onComplete(ar -> {
            if (ar.failed() && !stopRetrying) {
                log.warn(
                        "{}/{}: getter for {} failed unexpectedly; retrying",
                        scope.channel(),
                        scope.quality(),
                        Redact.uri(uri()),
                        ar.cause());
                vertx.setTimer(
                        Deadline.millis(Jitter.jitter(scope.timings().getter().errorWait())), id -> drive(false));
                return;
            }
            driverDone.tryComplete();
            checkIdle();
        });
    }

    /** @param first whether this may use the worker's pool (only the first attempt does) */
    private Future<Void> procedure(boolean first) {
        if (stopRetrying) {
            return Future.succeededFuture();
        }
        return fullCopyExists().compose(exists -> {
            if (exists || stopRetrying) {
                return Future.succeededFuture();
            }
            return attempt(first ? scope.workerClient() : scope.freshClient().get());
        });
    }

    private Future<Void> attempt(HttpClient client) {
        Promise<Void> retrySignal = Promise.promise();
        SegmentAttempt attempt = new SegmentAttempt(scope, target, history, client, retrySignal);
        attempts++;
        live.add(attempt);
        Future<SegmentAttempt.Outcome> outcome = attempt.run();
        outcome.onComplete(ar -> {
            live.remove(attempt);
            if (client != scope.workerClient()) {
                client.close();
            }
            if (ar.failed()) {
                log.info(
                        "{}/{}: attempt {} at {} failed: {}",
                        scope.channel(),
                        scope.quality(),
                        attempts,
                        Redact.uri(uri()),
                        ar.cause().toString());
            }
            checkIdle();
        });
        Promise<Void> next = Promise.promise();
        outcome.onComplete(ar -> next.tryComplete());
        retrySignal.future().onComplete(ar -> next.tryComplete());
        return next.future().compose(v -> {
            if (outcome.succeeded() || stopRetrying) {
                return Future.succeededFuture();
            }
            long elapsedNanos = System.nanoTime() - startNanos;
            if (elapsedNanos > scope.timings().getter().giveUp().toNanos()) {
                log.warn(
                        "{}/{}: giving up on {} after {} attempts in {} s",
                        scope.channel(),
                        scope.quality(),
                        Redact.uri(uri()),
                        attempts,
                        elapsedNanos / 1_000_000_000L);
                return Future.succeededFuture();
            }
            Promise<Void> waited = Promise.promise();
            long timer = vertx.setTimer(
                    Deadline.millis(Jitter.jitter(scope.timings().getter().retryWait())), id -> waited.tryComplete());
            retrySignal.future().onComplete(ar -> {
                vertx.cancelTimer(timer);
                waited.tryComplete();
            });
            return waited.future().compose(w -> procedure(false));
        });
    }

    private Future<Boolean> fullCopyExists() {
        Path hourDir = scope.qualityDir().resolve(HourNames.format(target.startMicros()));
        String prefix = FullCopy.prefix(target.startMicros(), target.segment().duration());
        return vertx.executeBlocking(() -> FullCopy.exists(SegmentListing.names(hourDir), prefix), false);
    }

    private void checkIdle() {
        if (driverDone.future().isComplete() && live.isEmpty()) {
            idle.tryComplete();
        }
    }

    String describe() {
        return Redact.uri(uri()) + " attempts=" + attempts + " running=" + live.size()
                + (driverDone.future().isComplete() ? " done" : "");
    }
}
