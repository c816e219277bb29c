package org.wubloader.backfiller.worker;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Blocking waits for a worker thread (never an event loop), interruptible so a stop ends them. */
final class Await {
    private Await() {}

    static <T> T result(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /** Waits for all; the futures of downloads never fail (failures are results). */
    static void all(List<CompletableFuture<DownloadResult>> futures) throws InterruptedException {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a download future failed instead of reporting a result", e.getCause());
        }
    }
}
