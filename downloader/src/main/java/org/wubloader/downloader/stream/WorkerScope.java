package org.wubloader.downloader.stream;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.wubloader.downloader.Timings;

/**
 * What a worker shares with its getters: where to save, its connection pool and map cache,
 * and how to make a fresh pool for retries.
 *
 * @param qualityDir {@code base/CHANNEL/QUALITY}
 * @param workerClient the worker's pool; only a getter's first attempt uses it
 * @param freshClient a new pool, for each retry (a stuck connection must not be reused)
 */
record WorkerScope(
        Vertx vertx,
        Path baseDir,
        String channel,
        String quality,
        Path qualityDir,
        Timings timings,
        DownloaderMetrics metrics,
        HttpClient workerClient,
        Supplier<HttpClient> freshClient,
        MapCache mapCache) {}
