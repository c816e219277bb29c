package org.wubloader.backfiller.worker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.wubloader.backfiller.BackfillerConfig;
import org.wubloader.backfiller.BackfillerConfig.Timing;
import org.wubloader.backfiller.peers.Peer;
import org.wubloader.common.http.ClientMetrics;
import org.wubloader.common.http.GetLimits;
import org.wubloader.common.http.HttpGet;
import org.wubloader.common.http.UrlPaths;
import org.wubloader.common.storage.WriteMode;

/**
 * The HTTP side of talking to one peer's restreamer, using only the documented endpoints (docs/api.md
 * §4.2–4.3) so that original Python nodes are peers too. One connection pool per peer, sized to
 * the download concurrency.
 */
final class PeerClient implements AutoCloseable {
    /** Listings are JSON arrays of names; a 24 h hour list or a 1,800-name hour is far below this. */
    private static final long MAX_LISTING_BYTES = 32L * 1024 * 1024;

    static final int MAX_CHUNK_BYTES = DirectReads.READ_BYTES;
    static final int RECEIVE_BUFFER_BYTES = 1024 * 1024;
    static final int EVENT_LOOPS = Math.max(2, Runtime.getRuntime().availableProcessors());

    /**
     * Listings are read token by token with jackson-core's parser, not through an ObjectMapper:
     * a listing is a flat array of strings, and the first ObjectMapper costs every start ~400
     * classes and ~60 ms of CPU (its date format loads the JDK's locale data), on the way to the
     * first request of a --run-once (issue 15).
     */
    private static final JsonFactory JSON = new JsonFactory();

    private final Context context;
    private final HttpClient client;
    private final Peer peer;
    private final boolean ssl;
    private final String host;
    private final int port;
    private final String basePath;
    private final Timing timing;
    private final GetLimits segmentLimits;
    private final WriteMode writeMode;
    private final GetLimits listingLimits;
    private final ClientMetrics metrics;

    PeerClient(Vertx vertx, Peer peer, BackfillerConfig config, ClientMetrics metrics) {
        this.peer = peer;
        this.timing = config.timing();
        this.metrics = metrics;
        int concurrency = config.downloadConcurrency();
        this.segmentLimits = new GetLimits(
                timing.requestTimeout(), timing.stallTimeout(), timing.downloadTimeout(), config.maxSegmentBytes());
        this.writeMode = config.writeMode();
        // The whole listing, not just its first byte, must come within the request timeout.
        this.listingLimits = new GetLimits(
                timing.requestTimeout(), timing.requestTimeout(), timing.requestTimeout(), MAX_LISTING_BYTES);
        URI uri = URI.create(peer.url());
        this.ssl = "https".equalsIgnoreCase(uri.getScheme());
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.context = vertx.getOrCreateContext();
        this.client = vertx.httpClientBuilder()
                .with(new HttpClientOptions()
                        .setConnectTimeout((int) timing.requestTimeout().toMillis())
                        .setKeepAlive(true)
                        .setDecompressionSupported(false)
                        .setTcpNoDelay(true)
                        // BodyToSegment writes (and hashes) chunk by chunk: Netty's default 8 KiB
                        // chunks cost one write syscall each, which capped throughput at a third of
                        // what curl gets from the same peer. Now each socket read
                        // (DirectReads.READ_BYTES) reaches us as one chunk, not four 64 KiB slices:
                        // every chunk is a trip through Vert.x's handlers and ours, much of it
                        // interpreted in a cold --run-once. (Not measured apart from the other
                        // changes of that commit; it cannot add work.)
                        .setMaxChunkSize(MAX_CHUNK_BYTES)
                        .setReceiveBufferSize(RECEIVE_BUFFER_BYTES))
                // Connections spread over several event loops: one loop alone was the bottleneck
                // at concurrency 5 and more.
                .with(new PoolOptions().setHttp1MaxSize(concurrency + 1).setEventLoopSize(EVENT_LOOPS))
                // Segment bodies go straight from the socket to the hash and the file.
                .withConnectHandler(DirectReads::onConnect)
                .build();
    }

    Peer peer() {
        return peer;
    }

    Context context() {
        return context;
    }

    /** {@code GET /files/CH/Q}: the peer's hours. */
    Future<Buffer> listHours(String channel, String quality) {
        return listing("list_remote_hours", path("files", channel, quality));
    }

    /** {@code GET /files/CH/Q/HOUR?tombstones=true}: the hour's segments and tombstones. */
    Future<Buffer> listHour(String channel, String quality, String hour) {
        return listing("list_remote_segments", path("files", channel, quality, hour) + "?tombstones=true");
    }

    /** {@code GET /extras/DIR}: every file under DIR, as relative paths. */
    Future<Buffer> listExtras(String dir) {
        List<String> parts = new ArrayList<>();
        parts.add("extras");
        parts.addAll(List.of(dir.split("/")));
        return listing("list_remote_extras", path(parts.toArray(String[]::new)));
    }

    /** A GET of {@code /segments/PARTS…}; start it with {@link HttpGet#run} on {@link #context()}. */
    HttpGet segmentGet(String metricName, List<String> parts, GetLimits limits) {
        List<String> all = new ArrayList<>(parts.size() + 1);
        all.add("segments");
        all.addAll(parts);
        return get(metricName, path(all.toArray(String[]::new)), limits);
    }

    /** The limits of a segment download: request and stall timeouts, overall deadline, maximum size. */
    GetLimits segmentLimits() {
        return segmentLimits;
    }

    /** How a downloaded segment is written (the config's {@code --write-mode}). */
    WriteMode writeMode() {
        return writeMode;
    }

    private HttpGet get(String metricName, String uri, GetLimits limits) {
        return new HttpGet(
                new HttpGet.Target(
                        context, client, options(uri), peer.name() + " " + uri, metrics.start(metricName, "GET", host)),
                limits);
    }

    /** Runs {@code work} on this peer's context; for starting transfers from a worker thread. */
    <T> Future<T> onContext(Supplier<Future<T>> work) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> {
            try {
                work.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    private Future<Buffer> listing(String metricName, String uri) {
        return onContext(() -> get(metricName, uri, listingLimits).collect());
    }

    /**
     * A listing body as names. Strict: a JSON array of strings, nothing else; call off the event
     * loop (a worker thread awaits the listing anyway).
     */
    static List<String> parseNames(Buffer body, String what) throws PeerException {
        try (JsonParser parser = JSON.createParser(body.getBytes())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new PeerException(what + ": listing is not a JSON array");
            }
            List<String> names = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token != JsonToken.VALUE_STRING) {
                    // null only at the end of the input, which the parser reports itself; kept as a guard.
                    throw new PeerException(what + ": listing holds a non-string "
                            + (token == null ? "end of input" : parser.getText()));
                }
                names.add(parser.getText());
            }
            if (parser.nextToken() != null) {
                throw new PeerException(what + ": listing has content after its array");
            }
            return names;
        } catch (JsonProcessingException e) {
            throw new PeerException(what + ": listing is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new PeerException(what + ": listing unreadable: " + e.getMessage(), e);
        }
    }

    private RequestOptions options(String uri) {
        return new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setURI(uri)
                .setConnectTimeout(timing.requestTimeout().toMillis())
                .putHeader("Accept-Encoding", "identity");
    }

    /** {@code basePath/p1/p2…} with each part percent-encoded as a single path segment. */
    String path(String... parts) {
        StringBuilder out = new StringBuilder(basePath);
        for (String part : parts) {
            out.append('/').append(UrlPaths.encodePart(part));
        }
        return out.toString();
    }

    @Override
    public void close() {
        try {
            client.close().await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing a pool whose connections are already gone: nothing left to release.
        }
    }
}
