package org.wubloader.restreamer.editor;

import java.util.concurrent.Semaphore;
import org.wubloader.restreamer.http.HttpError;

/**
 * Bounds the CPU-heavy requests anyone reaching the API can start (full re-encode cuts,
 * waveforms, frames, thumbnails): a campaign started 32 lossless encodes in parallel on a
 * 2-core node. Beyond the limit a request is refused at once with 503 and {@code Retry-After}
 * rather than queued, so a flood cannot pile up work the clients have long given up on.
 */
public final class HeavyWork {
    /** Seconds a refused client is told to wait. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private final int limit;
    private final Semaphore permits;

    public HeavyWork(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the heavy job limit must be at least 1, got " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    /** The default: one heavy job per core, at least 2 (ffmpeg is itself multi-threaded). */
    public static int defaultLimit() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    public int limit() {
        return limit;
    }

    public int running() {
        return limit - permits.availablePermits();
    }

    /** A held slot; close it exactly once when the work is over. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** @throws HttpError 503 with Retry-After when {@link #limit} jobs are running */
    public Permit acquire(String what) {
        if (!permits.tryAcquire()) {
            throw new HttpError(
                    503,
                    "Too many heavy requests (" + what + ") in progress (limit " + limit + "); try again later",
                    RETRY_AFTER_SECONDS);
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        };
    }
}
