package org.wubloader.downloader.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import org.wubloader.common.http.ClientMetrics;
import org.wubloader.common.http.GetLimits;
import org.wubloader.common.http.HttpGet;

/**
 * One small exchange whose whole body the downloader wants in memory (playlists, map data, the
 * Twitch token), through common's {@link HttpGet}: metrics, redirects followed, non-2xx as an
 * {@code HttpClientException} of kind STATUS, and cancellation that resets the request. The
 * downloader's soft/hard timeouts ({@link Deadline}) bound it from outside, so no bound of
 * HttpGet's own applies but the body size.
 *
 * @param metricName one of the original's names (get_media_playlist…)
 * @param headers extra request headers, or null
 * @param body a request body (POST), or null
 */
public record Fetch(String metricName, HttpMethod method, URI uri, MultiMap headers, Buffer body) {
    /** A playlist or a map is kilobytes; an endless body must not fill the heap. */
    public static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

    private static final GetLimits LIMITS = GetLimits.NONE.withMaxBodyBytes(MAX_BODY_BYTES);

    public static Fetch get(String metricName, URI uri) {
        return new Fetch(metricName, HttpMethod.GET, uri, null, null);
    }

    public static Fetch post(String metricName, URI uri, Buffer body) {
        return new Fetch(metricName, HttpMethod.POST, uri, null, body);
    }

    public Fetch withHeaders(MultiMap h) {
        return new Fetch(metricName, method, uri, h, body);
    }

    /**
     * Runs it on the caller's context.
     *
     * @param cancel completing it abandons the request (reset); the result then fails
     */
    public Future<HttpGet.Fetched> run(Vertx vertx, HttpClient client, ClientMetrics metrics, Future<Void> cancel) {
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setAbsoluteURI(uri.toString())
                .setFollowRedirects(true);
        if (headers != null) {
            options.setHeaders(headers);
        }
        HttpGet get = new HttpGet(
                new HttpGet.Target(
                        vertx.getOrCreateContext(),
                        client,
                        options,
                        Redact.uri(uri),
                        metrics.start(metricName, method.name(), uri),
                        body),
                LIMITS);
        return get.cancelOn(cancel)
                .fetch()
                .map(f -> f.finalUri() == null ? new HttpGet.Fetched(f.status(), uri, f.bytes()) : f);
    }
}
