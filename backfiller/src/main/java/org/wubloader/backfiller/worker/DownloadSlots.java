package org.wubloader.backfiller.worker;

import io.vertx.core.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most {@code --download-concurrency} downloads in flight per peer (docs/backfill.md §5.2): the main
 * throughput lever for large ranges, and a bound on what one peer costs us.
 */
final class DownloadSlots {
    private final Semaphore permits;
    private final InFlight inFlight;

    DownloadSlots(int concurrency, InFlight inFlight) {
        this.permits = new Semaphore(concurrency);
        this.inFlight = inFlight;
    }

    /**
     * Waits for a free slot, then starts the download; null if the worker is stopping (nothing
     * was started).
     */
    <D extends InFlight.Abortable> CompletableFuture<DownloadResult> submit(
            D download, Supplier<Future<DownloadResult>> start) throws InterruptedException {
        permits.acquire();
        if (!inFlight.add(download)) {
            permits.release();
            return null;
        }
        CompletableFuture<DownloadResult> result;
        try {
            result = start.get().toCompletionStage().toCompletableFuture();
        } catch (RuntimeException e) {
            inFlight.remove(download);
            permits.release();
            throw e;
        }
        return result.whenComplete((r, e) -> {
            inFlight.remove(download);
            permits.release();
        });
    }
}
