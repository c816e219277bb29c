package org.wubloader.downloader.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.wubloader.common.http.ClientMetrics;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * One small HTTP exchange whose whole body we want in memory (playlists, map data, the Twitch token):
 * metrics, redirects followed, non-2xx as {@link HttpStatusException}, and cancellation that
 * resets the request (used by hard timeouts and shutdown). Call on the caller's context.
 */
public final class BodyFetch {

    /**
     * A 2xx response.
     *
     * @param status the status code
     * @param finalUri the URI after redirects, against which relative URIs resolve
     * @param bytes the body
     */
    public record Response(int status, URI finalUri, Buffer bytes) {
        public String body() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private BodyFetch() {}

    /**
     * @param cancel completing it abandons the request (reset); the result then fails
     */
    public static Future<Response> fetch(Vertx vertx, HttpClient client, ClientMetrics metrics, String metricName,
            HttpMethod method, URI uri, MultiMap headers, Buffer body, Future<Void> cancel) {
        Promise<Response> result = Promise.promise();
        ClientMetrics.Request measured = metrics.start(metricName, method.name(), uri);
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setAbsoluteURI(uri.toString())
                .setFollowRedirects(true);
        if (headers != null) {
            options.setHeaders(headers);
        }
        HttpClientRequest[] request = new HttpClientRequest[1];
        cancel.onComplete(v -> {
            if (request[0] != null) {
                request[0].reset();
            }
            result.tryFail(new CancelledException("request to " + Redact.uri(uri) + " cancelled"));
        });
        client.request(options)
                .compose(req -> {
                    request[0] = req;
                    if (cancel.isComplete()) {
                        req.reset();
                    }
                    return body == null ? req.send() : req.send(body);
                })
                .compose(response -> {
                    measured.headers(response);
                    if (response.statusCode() / 100 != 2) {
                        response.body(); // drain, so the connection can be reused
                        return Future.failedFuture(new HttpStatusException(response.statusCode(), uri));
                    }
                    URI finalUri = finalUri(response.request().absoluteURI(), uri);
                    return response.body().map(b -> new Response(response.statusCode(), finalUri, b));
                }, error -> {
                    measured.error();
                    return Future.failedFuture(error);
                })
                .onComplete(ar -> Promises.settle(result, ar));
        return result.future();
    }

    private static URI finalUri(String absolute, URI fallback) {
        try {
            return absolute == null ? fallback : new URI(absolute);
        } catch (URISyntaxException e) {
            return fallback;
        }
    }
}
