package org.wubloader.downloader.stream;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.wubloader.downloader.Timings;

/**
 * What every channel's loops share, set once by the downloader.
 *
 * @param baseDir the segment directory ({@code base/CHANNEL/QUALITY/HOUR/…} below it)
 * @param playlistDebug how many media playlists a worker keeps for its debug output
 * @param clients makes a new connection pool: one per worker, and one per getter retry
 */
public record DownloadContext(
        Vertx vertx,
        Path baseDir,
        Timings timings,
        DownloaderMetrics metrics,
        int playlistDebug,
        Supplier<HttpClient> clients) {}
