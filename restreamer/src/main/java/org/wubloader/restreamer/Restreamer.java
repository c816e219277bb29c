package org.wubloader.restreamer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.metrics.Timed;
import org.wubloader.common.process.HttpMetrics;
import org.wubloader.common.process.LogContext;
import org.wubloader.common.process.MetricsEndpoint;
import org.wubloader.common.storage.SegmentStore;
import org.wubloader.common.time.Micros;
import org.wubloader.restreamer.archive.ArchiveService;
import org.wubloader.restreamer.chat.ChatService;
import org.wubloader.restreamer.cut.CutPlanBuilder;
import org.wubloader.restreamer.cut.CutService;
import org.wubloader.restreamer.editor.HeavyWork;
import org.wubloader.restreamer.editor.ImageService;
import org.wubloader.restreamer.editor.RequestBody;
import org.wubloader.restreamer.editor.SegmentSource;
import org.wubloader.restreamer.editor.TemplateSource;
import org.wubloader.restreamer.files.FileServer;
import org.wubloader.restreamer.files.Listings;
import org.wubloader.restreamer.files.SafeResolver;
import org.wubloader.restreamer.http.AccessLog;
import org.wubloader.restreamer.http.Endpoint;
import org.wubloader.restreamer.http.HttpError;
import org.wubloader.restreamer.http.PathParts;
import org.wubloader.restreamer.http.QueryParams;
import org.wubloader.restreamer.http.Replies;
import org.wubloader.restreamer.http.Routes;
import org.wubloader.restreamer.playlist.HeapReturn;
import org.wubloader.restreamer.playlist.LoopbackWarmup;
import org.wubloader.restreamer.playlist.PlaylistLimits;
import org.wubloader.restreamer.playlist.PlaylistService;
import org.wubloader.restreamer.playlist.Prewarm;
import org.wubloader.restreamer.web.WebAssets;
import org.wubloader.restreamer.web.WebPages;

/**
 * The restreamer's HTTP API (docs/api.md §4) on one port: request dispatch, CORS, per-endpoint metrics,
 * and the thread pools the endpoints run on. Event loops only parse and dispatch; files, listings
 * and readiness run on the {@code restreamer-io} workers, playlists on their own pool (a 24 h
 * playlist must not delay anything else), cuts on a bounded pool of producer threads.
 */
public final class Restreamer implements AutoCloseable {
    static final int MAX_CUTS = 32;
    /** docs/api.md: a POSTed thumbnail template is at most 10 MiB (413 beyond). */
    static final int MAX_TEMPLATE_BYTES = 10 << 20;

    static final int MAX_GENERATE_BODY_BYTES = 1 << 20;
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
    private final HeavyWork heavy;
    private final ExecutorService heavyPool;
    private final ImageService images;
    private final ChatService chat;
    private final ArchiveService archive;
    private final ExecutorService archivePool;
    private final WebPages web;
    private volatile String deployment;
    private final SegmentStore store;
    /** Marks the prewarm's own requests ({@link LoopbackWarmup}); secret, made per process. */
    private final String prewarmToken = LoopbackWarmup.newToken();

    private final Counter prewarmRequests;
    /** Where the prewarm sends its requests (null until listening); made on its thread, as it may resolve a name. */
    private volatile Supplier<LoopbackWarmup> loopback = () -> null;

    private volatile boolean accessLog = true;
    private final AtomicLong requestCount = new AtomicLong();
    /** Request ids are PREFIX-N: the prefix tells restarts apart. */
    private final String requestIdPrefix = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    /** An id a proxy sent ({@code X-Request-Id}, nginx's $request_id) is kept if it looks like one. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * Seconds a connection may go without a byte read or written before it is closed. Without it,
     * idle or half-open connections (2,000 in the fault campaign) each held a descriptor forever.
     */
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 120;

    private volatile int idleTimeoutSeconds = DEFAULT_IDLE_TIMEOUT_SECONDS;

    /** Sets the idle timeout of connections accepted by a later {@link #listen}; 0 = none. */
    public Restreamer idleTimeout(int seconds) {
        this.idleTimeoutSeconds = seconds;
        return this;
    }

    /** Settings beyond the base dir: {@code --max-heavy-jobs}, the template database, playlist limits. */
    public record Settings(int maxHeavyJobs, TemplateSource templates, PlaylistLimits playlistLimits) {
        public static Settings defaults() {
            return new Settings(HeavyWork.defaultLimit(), null, PlaylistLimits.defaults());
        }
    }

    public Restreamer(Vertx vertx, PrometheusMeterRegistry registry, Path baseDir) {
        this(vertx, registry, baseDir, Settings.defaults());
    }

    public Restreamer(Vertx vertx, PrometheusMeterRegistry registry, Path baseDir, Settings settings) {
        this.vertx = vertx;
        this.registry = registry;
        this.metrics = new HttpMetrics(registry);
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.store = new SegmentStore(this.baseDir);
        SafeResolver resolver = new SafeResolver(store.inside());
        this.io = vertx.createSharedWorkerExecutor("restreamer-io", 16);
        this.playlistPool = settings.playlistLimits().executor(daemonThreads("playlist"));
        HeapReturn.enable();
        this.cutPool = new ThreadPoolExecutor(
                0, MAX_CUTS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), daemonThreads("cut"));
        this.listings = new Listings(resolver);
        this.files = new FileServer(resolver, io);
        this.playlists =
                new PlaylistService(resolver, store, playlistPool, Micros::now, registry, settings.playlistLimits());
        Timed timed = new Timed(registry);
        // The original's get_best_segments timings (playlists, cuts and the prewarm all ask the store).
        store.timeBestSegmentsWith(timed);
        this.heavy = new HeavyWork(settings.maxHeavyJobs());
        // As many threads as permits; the queue is unbounded because the permits bound it (a
        // request holds one before it is queued). A SynchronousQueue here refused a request
        // whose permit a finishing thread had released but which was not back in the pool yet.
        this.heavyPool = Executors.newFixedThreadPool(heavy.limit(), daemonThreads("heavy"));
        SegmentSource segments = new SegmentSource(resolver, store);
        this.cuts = new CutService(new CutPlanBuilder(store, segments), cutPool, heavy, timed);
        this.images = new ImageService(segments, heavyPool, heavy, timed, settings.templates());
        this.chat = new ChatService(resolver, timed);
        this.archive = new ArchiveService(this.baseDir, segments, timed);
        this.archivePool = Executors.newSingleThreadExecutor(daemonThreads("generate-videos"));
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
                .setIdleTimeout(idleTimeoutSeconds)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setHttp2ClearTextEnabled(false);
        AtomicInteger bound = new AtomicInteger();
        int count = port == 0 ? 1 : Math.max(1, instances);
        return vertx.deployVerticle(
                        () -> new VerticleBase() {
                            @Override
                            public Future<?> start() {
                                return vertx.createHttpServer(options)
                                        .requestHandler(Restreamer.this::handle)
                                        .listen()
                                        .onSuccess(server -> bound.set(server.actualPort()));
                            }
                        },
                        new DeploymentOptions().setInstances(count))
                .map(id -> {
                    deployment = id;
                    int actual = bound.get();
                    loopback =
                            () -> new LoopbackWarmup(vertx, selfAddress(host, actual), count, prewarmToken, playlists);
                    return actual;
                });
    }

    /** The listening address as a client reaches it: loopback for a wildcard address. */
    private static InetSocketAddress selfAddress(String host, int port) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return new InetSocketAddress(
                    address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address, port);
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

    /** Turns the access log (one line per request, {@link AccessLog}) on or off; on by default. */
    public void accessLog(boolean on) {
        this.accessLog = on;
    }

    /** What the restreamer is doing now, as values (tests and the backdoor read it; {@link #state} prints it). */
    public record Status(
            int playlistsInFlight,
            long playlistBytesCached,
            int cutsRunning,
            int cutThreadsBusy,
            int heavyJobsRunning,
            int heavyJobsLimit) {}

    public Status status() {
        return new Status(
                playlists.inFlight(),
                playlists.renderedBytes(),
                cuts.running(),
                cutPool.getActiveCount(),
                heavy.running(),
                heavy.limit());
    }

    /** What the backdoor's {@code state} command prints. */
    public String state() {
        Status s = status();
        return "base dir: " + baseDir
                + "\nplaylist computations in flight: " + s.playlistsInFlight()
                + "\nplaylist renderings cached: " + s.playlistBytesCached() + " bytes"
                + "\ncuts running: " + s.cutsRunning()
                + "\ncut threads busy: " + s.cutThreadsBusy() + "/" + MAX_CUTS
                + "\nheavy jobs: " + s.heavyJobsRunning() + "/" + s.heavyJobsLimit() + "\n";
    }

    @SuppressWarnings("try") // the LogContext is used for its scope only
    void handle(HttpServerRequest request) {
        long startNanos = System.nanoTime();
        HttpServerResponse response = request.response();
        Replies.cors(response);
        Routes.Match match = Routes.match(request.path());
        String[] context = logContext(request, match);
        try (LogContext ignored = LogContext.of(context)) {
            if (prewarmToken.equals(request.getHeader(LoopbackWarmup.HEADER))) {
                // Not client traffic: kept out of the per-endpoint metrics, where a burst of slow
                // playlist requests after every restart would mislead (LoopbackWarmup).
                response.endHandler(v -> prewarmRequests.increment());
            } else {
                HttpMetrics.Request metric = metrics.server(
                        match.endpoint().label(), request.method().name());
                boolean logged = accessLog;
                response.endHandler(v -> {
                    metric.done(response.ended() ? Integer.toString(response.getStatusCode()) : "error");
                    if (logged) {
                        try (LogContext again = LogContext.of(context)) {
                            AccessLog.log(request, response, startNanos);
                        }
                    }
                });
            }
            handleMethod(request, response, match);
        }
    }

    /**
     * The request's log fields (MDC): {@code request_id}, and {@code channel}, {@code quality},
     * {@code hour} where the path names them.
     */
    private String[] logContext(HttpServerRequest request, Routes.Match match) {
        String given = request.getHeader("X-Request-Id");
        String id = given != null && REQUEST_ID.matcher(given).matches()
                ? given
                : requestIdPrefix + "-" + requestCount.incrementAndGet();
        List<String> raw = match.rawArgs();
        String channel = null;
        String quality = null;
        String hour = null;
        switch (match.endpoint()) {
            case LIST_QUALITIES, LIST_HOURS, LIST_SEGMENTS, GET_FILE, MASTER_PLAYLIST, MEDIA_PLAYLIST, CUT -> {
                channel = logPart(raw, 0);
                quality = match.endpoint() == Endpoint.LIST_QUALITIES || match.endpoint() == Endpoint.LIST_HOURS
                        ? null
                        : logPart(raw, 1);
                hour = match.endpoint() == Endpoint.LIST_SEGMENTS || match.endpoint() == Endpoint.GET_FILE
                        ? logPart(raw, 2)
                        : null;
                if (match.endpoint() == Endpoint.MASTER_PLAYLIST) {
                    channel = stripSuffix(channel, ".m3u8");
                } else if (match.endpoint() == Endpoint.MEDIA_PLAYLIST) {
                    quality = stripSuffix(quality, ".m3u8");
                } else if (match.endpoint() == Endpoint.CUT) {
                    quality = quality == null ? null : quality.replaceFirst("\\.[A-Za-z0-9]+$", "");
                }
            }
            default -> {}
        }
        return new String[] {"request_id", id, "channel", channel, "quality", quality, "hour", hour};
    }

    /** A decoded path part for the log (bounded, one line), or null if absent or undecodable. */
    private static String logPart(List<String> raw, int index) {
        if (index >= raw.size()) {
            return null;
        }
        try {
            return AccessLog.cleanPart(PathParts.decode(raw.get(index)));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String stripSuffix(String text, String suffix) {
        return text != null && text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
    }

    private void handleMethod(HttpServerRequest request, HttpServerResponse response, Routes.Match match) {
        HttpMethod method = request.method();
        if (method == HttpMethod.OPTIONS) {
            response.setStatusCode(204).putHeader("Allow", "GET,HEAD,OPTIONS").end();
            return;
        }
        if (method == HttpMethod.POST
                && (match.endpoint() == Endpoint.THUMBNAIL || match.endpoint() == Endpoint.GENERATE_VIDEOS)) {
            try {
                dispatchPost(match, request);
            } catch (Throwable t) {
                Replies.error(response, t);
            }
            return;
        }
        if (match.endpoint() == Endpoint.GENERATE_VIDEOS) {
            response.putHeader("Allow", "POST,OPTIONS");
            Replies.text(response, 405, "method not allowed: generate_videos takes POST");
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
                blocking(
                        response,
                        () -> {
                            if (!Files.isDirectory(baseDir) || !Files.isReadable(baseDir)) {
                                throw new HttpError(503, "base directory " + baseDir + " is not readable");
                            }
                            return "ok";
                        },
                        body -> Replies.text(response, 200, body));
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
            // editor endpoints
            case WAVEFORM: {
                List<String> args = match.args();
                images.waveform(vertx, request, args.get(0), args.get(1));
                return;
            }
            case FRAME: {
                List<String> args = match.args();
                images.frame(vertx, request, args.get(0), args.get(1));
                return;
            }
            case THUMBNAIL: {
                List<String> args = match.args();
                images.thumbnailFromTemplate(vertx, request, args.get(0), args.get(1));
                return;
            }
            case CHAT: {
                String channel = match.args().get(0);
                QueryParams params = QueryParams.of(request);
                Long start = params.timestamp("start");
                Long end = params.timestamp("end");
                ChatService.checkRange(start, end);
                io.executeBlocking(() -> chat.messages(channel, start, end), false)
                        .onComplete(ar -> {
                            if (ar.succeeded()) {
                                Replies.jsonBytes(response, ChatService.json(ar.result()));
                            } else {
                                Replies.error(response, ar.cause());
                            }
                        });
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

    /** POST /thumbnail (template in the body) and POST /generate_videos. */
    private void dispatchPost(Routes.Match match, HttpServerRequest request) {
        HttpServerResponse response = request.response();
        List<String> args = match.args();
        if (match.endpoint() == Endpoint.THUMBNAIL) {
            request.pause();
            RequestBody.read(request, MAX_TEMPLATE_BYTES).onComplete(ar -> {
                try {
                    if (ar.failed()) {
                        throw ar.cause();
                    }
                    images.thumbnailFromBody(vertx, request, args.get(0), args.get(1), ar.result());
                } catch (Throwable t) {
                    Replies.error(response, t);
                }
            });
            request.resume();
            return;
        }
        RequestBody.read(request, MAX_GENERATE_BODY_BYTES).onComplete(ar -> {
            try {
                if (ar.failed()) {
                    throw ar.cause();
                }
                List<ArchiveService.Entry> entries =
                        ArchiveService.parse(ar.result().getBytes());
                AutoCloseable slot = archive.claim();
                io.vertx.core.Context context = vertx.getOrCreateContext();
                // its own thread: a long remux must not hold a worker that /metrics or files need
                archivePool.execute(() -> {
                    byte[] body = null;
                    Throwable failure = null;
                    try (slot) {
                        body = ArchiveService.json(archive.generate(args.get(0), args.get(1), entries));
                    } catch (Throwable t) {
                        failure = t;
                    }
                    byte[] result = body;
                    Throwable error = failure;
                    context.runOnContext(v -> {
                        if (error == null) {
                            response.putHeader("Content-Type", Replies.JSON).end(Buffer.buffer(result));
                        } else {
                            Replies.error(response, error);
                        }
                    });
                });
            } catch (Throwable t) {
                Replies.error(response, t);
            }
        });
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
        archive.cancel();
        cutPool.shutdownNow();
        heavyPool.shutdownNow();
        archivePool.shutdownNow();
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
