package org.wubloader.restreamer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.process.HttpMetrics;
import org.wubloader.common.process.MetricsEndpoint;
import org.wubloader.common.storage.SegmentStore;
import org.wubloader.common.time.Micros;
import org.wubloader.restreamer.cut.CutPlanBuilder;
import org.wubloader.restreamer.cut.CutService;
import org.wubloader.restreamer.files.FileServer;
import org.wubloader.restreamer.files.Listings;
import org.wubloader.restreamer.files.SafeResolver;
import org.wubloader.restreamer.http.Endpoint;
import org.wubloader.restreamer.http.HttpError;
import org.wubloader.restreamer.http.QueryParams;
import org.wubloader.restreamer.http.Replies;
import org.wubloader.restreamer.http.Routes;
import org.wubloader.restreamer.playlist.LoopbackWarmup;
import org.wubloader.restreamer.playlist.PlaylistService;
import org.wubloader.restreamer.playlist.Prewarm;
import org.wubloader.restreamer.web.WebAssets;
import org.wubloader.restreamer.web.WebPages;

/**
 * The restreamer's HTTP API (SPEC §4) on one port: request dispatch, CORS, per-endpoint metrics,
 * and the thread pools the endpoints run on. Event loops only parse and dispatch; files, listings
 * and readiness run on the {@code restreamer-io} workers, playlists on their own pool (a 24 h
 * playlist must not delay anything else), cuts on a bounded pool of producer threads.
 */
public final class Restreamer implements AutoCloseable {
    static final int MAX_CUTS = 32;
    private static final Logger log = LoggerFactory.getLogger(Restreamer.class);

    private final Vertx vertx;
    private final PrometheusMeterRegistry registry;
    private final HttpMetrics metrics;
    private final Path baseDir;
    private final WorkerExecutor io;
    private final ExecutorService playlistPool;
    private final ThreadPoolExecutor cutPool;
    private final Listings listings;
    private final FileServer files;
    private final PlaylistService playlists;
    private final CutService cuts;
    private final WebPages web;
    private volatile String deployment;
    private final SegmentStore store;
    /** Marks the prewarm's own requests ({@link LoopbackWarmup}); secret, made per process. */
    private final String prewarmToken = LoopbackWarmup.newToken();
    private final Counter prewarmRequests;
    /** Where the prewarm sends its requests (null until listening); made on its thread, as it may resolve a name. */
    private volatile Supplier<LoopbackWarmup> loopback = () -> null;

    public Restreamer(Vertx vertx, PrometheusMeterRegistry registry, Path baseDir) {
        this.vertx = vertx;
        this.registry = registry;
        this.metrics = new HttpMetrics(registry);
        this.baseDir = baseDir.toAbsolutePath().normalize();
        SafeResolver resolver = new SafeResolver(this.baseDir);
        this.store = new SegmentStore(this.baseDir);
        this.io = vertx.createSharedWorkerExecutor("restreamer-io", 16);
        this.playlistPool = Executors.newFixedThreadPool(16, daemonThreads("playlist"));
        this.cutPool = new ThreadPoolExecutor(0, MAX_CUTS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), daemonThreads("cut"));
        this.listings = new Listings(resolver);
        this.files = new FileServer(resolver, io);
        this.playlists = new PlaylistService(resolver, store, playlistPool, Micros::now, registry);
        this.cuts = new CutService(new CutPlanBuilder(resolver, store), cutPool);
        this.web = new WebPages(listings, this.baseDir, WebAssets.load());
        this.prewarmRequests = Counter.builder("playlist_prewarm_requests")
                .description("Requests the startup prewarm sent to this server; not in http_request_*")
                .register(registry);
    }

    /**
     * Listens on {@code host:port} with {@code instances} servers, one per event loop (Vert.x
     * shares the port and balances connections across them), so file serving uses every core.
     * Port 0 (tests) gets a single instance: Vert.x gives each instance its own port then.
     *
     * @return the port actually bound
     */
    public Future<Integer> listen(String host, int port, int instances) {
        // HTTP/1.1 only, like the original: Vert.x 5 stalls sendFile(FileChannel) on an h2c
        // stream (seen with curl --http2 and Java's HttpClient, which offers the upgrade), and
        // HTTP/2 could not send the file zero-copy anyway.
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setTcpNoDelay(true)
                .setHttp2ClearTextEnabled(false);
        AtomicInteger bound = new AtomicInteger();
        int count = port == 0 ? 1 : Math.max(1, instances);
        return vertx.deployVerticle(() -> new VerticleBase() {
                    @Override
                    public Future<?> start() {
                        return vertx.createHttpServer(options).requestHandler(Restreamer.this::handle).listen()
                                .onSuccess(server -> bound.set(server.actualPort()));
                    }
                }, new DeploymentOptions().setInstances(count))
                .map(id -> {
                    deployment = id;
                    int actual = bound.get();
                    loopback = () -> new LoopbackWarmup(vertx, selfAddress(host, actual), count, prewarmToken, playlists);
                    return actual;
                });
    }

    /** The listening address as a client reaches it: loopback for a wildcard address. */
    private static InetSocketAddress selfAddress(String host, int port) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return new InetSocketAddress(address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address, port);
        } catch (UnknownHostException e) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }
    }

    /**
     * Indexes the last {@code hours} hours of every quality in the background ({@link Prewarm}),
     * ending with requests to this server's own port if it is listening by then.
     *
     * @return completes with the hours indexed when the prewarm is over
     */
    public CompletableFuture<Integer> prewarm(int hours) {
        if (hours <= 0) {
            return CompletableFuture.completedFuture(0);
        }
        return CompletableFuture.supplyAsync(() -> Prewarm.run(store, hours, loopback.get()), playlistPool);
    }

    /** What the backdoor's {@code state} command prints. */
    public String state() {
        return "base dir: " + baseDir
                + "\nplaylist computations in flight: " + playlists.inFlight()
                + "\nplaylist renderings cached: " + playlists.renderedBytes() + " bytes"
                + "\ncuts running: " + cuts.running()
                + "\ncut threads busy: " + cutPool.getActiveCount() + "/" + MAX_CUTS + "\n";
    }

    void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        Replies.cors(response);
        Routes.Match match = Routes.match(request.path());
        if (prewarmToken.equals(request.getHeader(LoopbackWarmup.HEADER))) {
            // Not client traffic: kept out of the per-endpoint metrics, where a burst of slow
            // playlist requests after every restart would mislead (LoopbackWarmup).
            response.endHandler(v -> prewarmRequests.increment());
        } else {
            HttpMetrics.Request metric = metrics.server(match.endpoint().label(), request.method().name());
            response.endHandler(v -> metric.done(response.ended() ? Integer.toString(response.getStatusCode()) : "error"));
        }
        HttpMethod method = request.method();
        if (method == HttpMethod.OPTIONS) {
            response.setStatusCode(204).putHeader("Allow", "GET,HEAD,OPTIONS").end();
            return;
        }
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            response.putHeader("Allow", "GET,HEAD,OPTIONS");
            Replies.text(response, 405, "method not allowed");
            return;
        }
        try {
            dispatch(match, request);
        } catch (Throwable t) {
            Replies.error(response, t);
        }
    }

    private void dispatch(Routes.Match match, HttpServerRequest request) {
        HttpServerResponse response = request.response();
        switch (match.endpoint()) {
            case METRICS:
                MetricsEndpoint.respond(vertx, registry, request);
                return;
            case HEALTHZ:
                Replies.text(response, 200, "ok");
                return;
            case READYZ:
                blocking(response, () -> {
                    if (!Files.isDirectory(baseDir) || !Files.isReadable(baseDir)) {
                        throw new HttpError(503, "base directory " + baseDir + " is not readable");
                    }
                    return "ok";
                }, body -> Replies.text(response, 200, body));
                return;
            case LIST_CHANNELS:
            case LIST_QUALITIES:
            case LIST_HOURS: {
                List<String> args = match.args();
                blocking(response, () -> listings.directories(args), names -> Replies.json(response, names));
                return;
            }
            case LIST_SEGMENTS: {
                List<String> args = match.args();
                boolean tombstones = QueryParams.of(request).bool("tombstones", false);
                blocking(response, () -> listings.hour(args, tombstones), names -> Replies.json(response, names));
                return;
            }
            case LIST_EXTRAS: {
                List<String> args = match.args();
                blocking(response, () -> listings.extras(args), names -> Replies.json(response, names));
                return;
            }
            case GET_FILE:
                files.serve(request, match.args());
                return;
            case MASTER_PLAYLIST:
                playlists.master(vertx, request, match.args().get(0));
                return;
            case MEDIA_PLAYLIST: {
                List<String> args = match.args();
                playlists.media(vertx, request, args.get(0), args.get(1));
                return;
            }
            case CUT: {
                List<String> args = match.args();
                cuts.cut(vertx, request, args.get(0), args.get(1));
                return;
            }
            case HOME_PAGE:
                blocking(response, () -> web.home(pageTitle()), page -> WebPages.html(response, page));
                return;
            case WEB_ASSET:
                web.hlsJs(response);
                return;
            case NOT_FOUND:
            default:
                Replies.text(response, 404, "not found");
        }
    }

    /** The page names the machine (the container's host name in Docker). */
    private static String pageTitle() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "wubloader node" : "wubloader node " + host;
    }

    @FunctionalInterface
    private interface Blocking<T> {
        T call() throws Exception;
    }

    private <T> void blocking(HttpServerResponse response, Blocking<T> work, java.util.function.Consumer<T> reply) {
        io.executeBlocking(work::call, false).onComplete(ar -> {
            if (ar.succeeded()) {
                reply.accept(ar.result());
            } else {
                Replies.error(response, ar.cause());
            }
        });
    }

    @Override
    public void close() {
        if (deployment != null) {
            try {
                vertx.undeploy(deployment).await(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("closing the HTTP server", e);
            }
        }
        cuts.cancelAll();
        cutPool.shutdownNow();
        playlistPool.shutdownNow();
        io.close();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
