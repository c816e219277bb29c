package org.wubloader.downloader.stream;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.wubloader.downloader.Timings;

/**
 * What a worker shares with its getters: its channel's context, its quality, its connection
 * pool and map cache.
 *
 * @param workerClient the worker's pool; only a getter's first attempt uses it
 */
record WorkerScope(WorkerContext worker, String quality, HttpClient workerClient, MapCache mapCache) {
    Vertx vertx() {
        return worker.vertx();
    }

    Path baseDir() {
        return worker.downloads().baseDir();
    }

    String channel() {
        return worker.channel();
    }

    /** {@code base/CHANNEL/QUALITY} */
    Path qualityDir() {
        return baseDir().resolve(channel()).resolve(quality);
    }

    Timings timings() {
        return worker.timings();
    }

    DownloaderMetrics metrics() {
        return worker.metrics();
    }

    /** A new pool, for each retry (a stuck connection must not be reused). */
    Supplier<HttpClient> freshClient() {
        return worker.downloads().clients();
    }
}
