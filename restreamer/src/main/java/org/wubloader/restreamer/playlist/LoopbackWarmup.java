package org.wubloader.restreamer.playlist;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.wubloader.common.time.Timestamps;
import org.wubloader.restreamer.http.PathParts;

/**
 * The last step of {@link Prewarm}: real media playlist requests sent to the server's own port,
 * so that the first client request does not run the HTTP side cold. Rendering into a discarding
 * sink warms the renderer only; profiling a first request after that still showed it twice as
 * slow as the next ones, the difference being code only a request runs: each event loop's first
 * connection (Vert.x and metrics set-up), parameter parsing, {@code Coalescer} and
 * {@code SharedBody}, the chunked writes of Netty and the cached-reply path.
 *
 * <p>Requests carry {@link #HEADER} with a random token made per process; the server leaves
 * requests bearing it out of the per-endpoint HTTP metrics (they are not client traffic and
 * would show as phantom, deliberately slow requests after every restart) and counts them in
 * {@code playlist_prewarm_requests_total} instead. Nobody else knows the token, so no client can
 * hide its requests from the metrics. Each full rendering is dropped from the render cache once
 * it has served its purpose: they are for no client, and 8 MB each.
 *
 * <p>Measured with bench/restreamer (24 h, 2 CPUs, median of 5 starts), the first request
 * after a start: 88 ms before these requests (and 64 KiB chunks), 30-34 ms with three full
 * renderings, 24 ms with eight, against 18-21 ms for an uncached one on a long-warm server.
 *
 * <p>Sent with Vert.x's HTTP client, without keep-alive (a new connection per request, so that
 * every event loop gets some), awaited one by one on the caller's (playlist pool) thread.
 */
public final class LoopbackWarmup {
    public static final String HEADER = "X-Wubloader-Prewarm";
    /** Full renderings of the largest range: enough for the streaming path to leave the interpreter. */
    static final int FULL_RENDERS = 8;
    /** Connections per event loop for the cheap requests; Vert.x hands connections out round-robin. */
    static final int CONNECTIONS_PER_LOOP = 2;

    private static final int MAX_CHEAP_REQUESTS = 64;
    private static final int TIMEOUT_MILLIS = 30_000;

    private final Vertx vertx;
    private final InetSocketAddress server;
    private final int eventLoops;
    private final String token;
    private final PlaylistService playlists;

    /**
     * @param eventLoops server instances sharing the port: each should see a request
     * @param playlists the server's, to drop the warm-up's renderings from its cache
     */
    public LoopbackWarmup(
            Vertx vertx, InetSocketAddress server, int eventLoops, String token, PlaylistService playlists) {
        this.vertx = vertx;
        this.server = server;
        this.eventLoops = eventLoops;
        this.token = token;
        this.playlists = playlists;
    }

    /** A fresh secret for {@link #HEADER}. */
    public static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * The requests, in order: an empty range on a couple of connections per event loop (cheap;
     * the first renders, the others take the cached path), then the whole range rendered
     * {@link #FULL_RENDERS} times under distinct keys and once more from the render cache.
     */
    List<String> paths(String channel, String quality, long fromMicros, long toMicros) {
        String prefix = "/playlist/" + PathParts.encode(channel) + "/" + PathParts.encode(quality) + ".m3u8?start="
                + Timestamps.formatMicros(fromMicros) + "&end=";
        List<String> paths = new ArrayList<>();
        int cheap = cheapRequests();
        for (int i = 0; i < cheap; i++) {
            paths.add(prefix + Timestamps.formatMicros(fromMicros));
        }
        for (int i = 1; i <= FULL_RENDERS; i++) {
            // A microsecond less each time: distinct keys, so each is rendered rather than taken
            // from the render cache, and none a client would ask for (the whole range exactly is
            // a likely request: it must still be computed when it comes, not served from here).
            paths.add(prefix + Timestamps.formatMicros(toMicros - i));
        }
        paths.add(paths.get(paths.size() - 1));
        return paths;
    }

    private int cheapRequests() {
        return Math.min(MAX_CHEAP_REQUESTS, CONNECTIONS_PER_LOOP * Math.max(1, eventLoops));
    }

    /**
     * Sends the warm-up requests for the range one after the other, each on a new connection,
     * dropping each full rendering from the cache once the next request no longer needs it (so
     * at most one is ever there, and none is left).
     *
     * @return the requests answered with 200; stops at the first that is not
     */
    public int run(String channel, String quality, long fromMicros, long toMicros) throws IOException {
        List<String> paths = paths(channel, quality, fromMicros, toMicros);
        int cheap = cheapRequests();
        int ok = 0;
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        try {
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(i);
                int status = get(client, path);
                if (status != 200) {
                    throw new IOException("warm-up request " + path + " answered " + status);
                }
                ok++;
                boolean repeated = i + 1 < paths.size() && paths.get(i + 1).equals(path);
                if (i >= cheap && !repeated) {
                    forget(channel, quality, fromMicros, toMicros, i - cheap + 1);
                }
            }
        } finally {
            client.close();
            for (int k = 1; k <= FULL_RENDERS; k++) { // after a failure too
                forget(channel, quality, fromMicros, toMicros, k);
            }
        }
        return ok;
    }

    private void forget(String channel, String quality, long fromMicros, long toMicros, int k) {
        if (playlists != null) {
            playlists.forgetRendered(channel, quality, fromMicros, toMicros - Math.min(k, FULL_RENDERS));
        }
    }

    /** One GET; the body is read to the end and dropped. @return the status code */
    private int get(HttpClient client, String pathAndQuery) throws IOException {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(server.getHostString())
                .setPort(server.getPort())
                .setURI(pathAndQuery)
                .putHeader(HEADER, token);
        try {
            return client.request(options)
                    .compose(request -> request.send())
                    .compose(response -> response.handler(chunk -> {}).end().map(v -> response.statusCode()))
                    .await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("warm-up request " + pathAndQuery + " took over " + TIMEOUT_MILLIS + " ms");
        } catch (RuntimeException e) {
            throw new IOException("warm-up request " + pathAndQuery + " failed: " + e, e);
        }
    }
}
