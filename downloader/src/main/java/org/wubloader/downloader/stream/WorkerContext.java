package org.wubloader.downloader.stream;

import io.vertx.core.Vertx;
import org.wubloader.downloader.Timings;
import org.wubloader.downloader.provider.ProviderLimits;

/**
 * What every worker of one channel shares, set once by its {@link StreamsManager}.
 *
 * @param host the manager, told about replacements, working workers and finished ones
 * @param limits the provider's getter count, worker age and skew rule
 */
record WorkerContext(WorkerHost host, DownloadContext downloads, String channel, ProviderLimits limits) {
    Vertx vertx() {
        return downloads.vertx();
    }

    Timings timings() {
        return downloads.timings();
    }

    DownloaderMetrics metrics() {
        return downloads.metrics();
    }
}
