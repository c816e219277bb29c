package org.wubloader.downloader.stream;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import org.wubloader.common.http.ClientMetrics;
import org.wubloader.common.http.HttpClientException;
import org.wubloader.downloader.Timings;
import org.wubloader.downloader.hls.MapSection;
import org.wubloader.downloader.http.Deadline;
import org.wubloader.downloader.http.Fetch;
import org.wubloader.downloader.http.Promises;
import org.wubloader.downloader.http.Redact;

/**
 * A worker's {@code EXT-X-MAP} data, fetched once and kept for the worker's life (a stream
 * has one or a few). Concurrent getters share one fetch; a failed fetch is forgotten so the
 * next attempt tries again. Context-confined: use on the worker's context only.
 */
final class MapCache {
    private final Vertx vertx;
    private final Timings timings;
    private final ClientMetrics metrics;
    private final Map<MapSection, Future<byte[]>> cache = new HashMap<>();

    MapCache(Vertx vertx, Timings timings, ClientMetrics metrics) {
        this.vertx = vertx;
        this.timings = timings;
        this.metrics = metrics;
    }

    /**
     * The map's bytes (its byte range honoured).
     *
     * @param onSoft run if the fetch this call starts is slow (fires the getter's retry signal)
     * @param abort completing it stops waiting (shutdown); the shared fetch goes on
     * @return fails with {@link HttpClientException} STATUS 403/404 when the URL has expired
     */
    Future<byte[]> get(MapSection map, HttpClient client, Runnable onSoft, Future<Void> abort) {
        Future<byte[]> cached = cache.get(map);
        if (cached == null) {
            cached = fetch(map, client, onSoft);
            cache.put(map, cached);
            Future<byte[]> mine = cached;
            cached.onFailure(e -> cache.remove(map, mine));
        }
        Promise<byte[]> result = Promise.promise();
        cached.onComplete(ar -> Promises.settle(result, ar));
        abort.onComplete(v -> result.tryFail(HttpClientException.aborted("map fetch abandoned")));
        return result.future();
    }

    private Future<byte[]> fetch(MapSection map, HttpClient client, Runnable onSoft) {
        MultiMap headers = null;
        if (map.byteRange() != null) {
            headers = MultiMap.caseInsensitiveMultiMap()
                    .add("Range", map.byteRange().httpRange());
        }
        MultiMap requestHeaders = headers;
        return Deadline.run(
                        vertx,
                        "map data " + Redact.uri(map.uri()),
                        timings.segment().map(),
                        onSoft,
                        cancel -> Fetch.get("get_map_data", map.uri())
                                .withHeaders(requestHeaders)
                                .run(vertx, client, metrics, cancel))
                .map(response -> {
                    Buffer bytes = response.bytes();
                    if (map.byteRange() != null && response.status() != 206) {
                        throw new IllegalStateException("server ignored the Range header of map "
                                + Redact.uri(map.uri()) + " (status " + response.status() + ")");
                    }
                    return bytes.getBytes();
                });
    }
}
