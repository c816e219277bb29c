package org.wubloader.restreamer.playlist;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.Span;
import org.wubloader.common.storage.BestSegments;
import org.wubloader.common.storage.SegmentListing;
import org.wubloader.common.storage.SegmentStore;
import org.wubloader.common.time.HourNames;
import org.wubloader.restreamer.files.SafeResolver;
import org.wubloader.restreamer.http.Coalescer;
import org.wubloader.restreamer.http.HttpError;
import org.wubloader.restreamer.http.PathParts;
import org.wubloader.restreamer.http.QueryParams;
import org.wubloader.restreamer.http.Replies;
import org.wubloader.restreamer.http.SharedBody;

/**
 * The playlist endpoints (docs/api.md §4.4): thin I/O around {@link PlaylistRange}, common's
 * {@link SegmentStore}, {@link LiveEdge} and the renderers. Everything that touches the disk or
 * takes CPU runs on the playlist executor, never on an event loop.
 */
public final class PlaylistService {
    public static final String CONTENT_TYPE = "application/vnd.apple.mpegurl";
    /** The largest rendering the prewarm's sink takes (a render cache entry's limit by default). */
    static final long RENDER_CACHE_BYTES = 64L * 1024 * 1024;
    /**
     * Chunks of a streamed media playlist. Each is a hand-off to the event loop and a write
     * there, code that a first request after startup runs in the interpreter; with 64 KiB a 24 h
     * playlist took 122 of them. 256 KiB (31) took such a first request from ~80 to ~68 ms
     * without the loopback prewarm, and a warmed-up uncached one from ~37 to ~27 ms (2 CPUs).
     * The first bytes still leave after rendering 256 KiB, about a millisecond.
     */
    static final int STREAM_CHUNK_BYTES = 256 * 1024;

    private static final Logger log = LoggerFactory.getLogger(PlaylistService.class);

    /** A media playlist request, normalized: what makes two requests "identical". */
    record MediaKey(String channel, String quality, Long start, Long end) {}

    /** A rendering: the same request renders differently once its range is no longer live. */
    private record RenderKey(MediaKey key, boolean live) {}

    /**
     * Segments remembered for live playlists ({@link LivePlaylists}): about 8 MB of references,
     * some 50 open-ended 12 h playlists.
     */
    static final long LIVE_SPANS_KEPT = 1_000_000;

    private final SafeResolver resolver;
    private final SegmentStore store;
    private final ExecutorService executor;
    private final LongSupplier nowMicros;
    /**
     * Renderings are kept whole while they stream only within {@link PlaylistLimits#retainedBytes}
     * in all (by default four 24 h playlists), so that identical requests arriving later join them
     * and the render cache gets them; beyond it a rendering holds only its window ({@link SharedBody}).
     */
    private final Coalescer<MediaKey> coalescer;

    private final RenderSlots slots;
    private final Counter computations;
    private final Counter rejected;
    private final RenderCache<RenderKey> rendered;
    private final LivePlaylists<MediaKey> shown = new LivePlaylists<>(LIVE_SPANS_KEPT);

    public PlaylistService(
            SafeResolver resolver,
            SegmentStore store,
            ExecutorService executor,
            LongSupplier nowMicros,
            MeterRegistry registry,
            PlaylistLimits limits) {
        this.slots = new RenderSlots(limits);
        this.coalescer = new Coalescer<>(limits.retainedBytes());
        this.rendered = new RenderCache<>(limits.cacheBytes());
        this.resolver = resolver;
        this.store = store;
        this.executor = executor;
        this.nowMicros = nowMicros;
        this.computations = Counter.builder("playlist_computations")
                .description("Media playlists computed; identical requests in flight share one computation")
                .register(registry);
        this.rejected = Counter.builder("playlist_rejected")
                .description("Playlist requests answered 503 because every rendering slot and queue place was taken")
                .register(registry);
        Gauge.builder("playlist_computations_in_flight", slots, RenderSlots::running)
                .description("Playlist renderings in progress (each holds a slot, --playlist-renderings)")
                .register(registry);
        Gauge.builder("playlist_computations_queued", slots, RenderSlots::waiting)
                .description("Playlist requests waiting for a rendering slot (--playlist-queue)")
                .register(registry);
        Gauge.builder("playlist_buffered_bytes", coalescer, Coalescer::bufferedBytes)
                .description("Bytes of media playlists rendered and not yet in a client's socket")
                .register(registry);
        // Off-heap (direct) memory: with this gauge an operator (and bench/soak) can tell the cache
        // filling up to --playlist-cache-mib from a leak in jvm_buffer_memory_used_bytes.
        Gauge.builder("playlist_render_cache_bytes", rendered, RenderCache::bytes)
                .description("Bytes of media playlist renderings kept off-heap for reuse (--playlist-cache-mib)")
                .register(registry);
    }

    /** Renderings in progress, and requests waiting for one. */
    public int inFlight() {
        return slots.running() + slots.waiting();
    }

    /** Bytes held by renderings in progress (chunks not yet in a socket). */
    public long bufferedBytes() {
        return coalescer.bufferedBytes();
    }

    /** {@code /playlist/CHANNEL.m3u8} */
    public void master(Vertx vertx, HttpServerRequest request, String channelFile) {
        String channel = stripSuffix(channelFile, ".m3u8");
        QueryParams params = QueryParams.of(request);
        Long start = params.timestamp("start");
        Long end = params.timestamp("end");
        String query = request.query();
        HttpServerResponse response = request.response();
        Context context = vertx.getOrCreateContext();
        Runnable work = () -> {
            try {
                String body = renderMaster(channel, start, end, query);
                context.runOnContext(
                        v -> response.putHeader("Content-Type", CONTENT_TYPE).end(body));
            } catch (Throwable t) {
                context.runOnContext(v -> Replies.error(response, t));
            } finally {
                slots.release();
            }
        };
        if (!slots.offer(() -> submit(work, () -> {
            slots.release();
            context.runOnContext(v -> Replies.error(response, busy()));
        }))) {
            rejected.increment();
            Replies.error(response, busy());
        }
    }

    private static HttpError busy() {
        return new HttpError(503, "too many playlists being rendered; try again in a few seconds");
    }

    private String renderMaster(String channel, Long start, Long end, String query) throws IOException {
        Path channelDir = resolver.resolveExisting(List.of(channel));
        if (channelDir == null || !Files.isDirectory(channelDir)) {
            throw HttpError.notFound("no such channel");
        }
        List<String> offered = new ArrayList<>();
        for (String quality : SegmentListing.directories(channelDir, resolver.rule())) {
            if (quality.equals("chat")) {
                continue;
            }
            if (start != null || end != null) {
                List<String> hours = SegmentListing.hours(channelDir.resolve(quality), resolver.rule());
                if (hours.isEmpty()) {
                    continue;
                }
                long first = HourNames.parse(hours.get(0));
                long last = HourNames.parse(hours.get(hours.size() - 1)) + HourNames.MICROS_PER_HOUR;
                if ((start != null && last < start) || (end != null && end < first)) {
                    continue;
                }
            }
            offered.add(quality);
        }
        return MasterPlaylistRenderer.render(channel, offered, query);
    }

    /** {@code /playlist/CHANNEL/QUALITY.m3u8} */
    public void media(Vertx vertx, HttpServerRequest request, String channel, String qualityFile) {
        String quality = stripSuffix(qualityFile, ".m3u8");
        QueryParams params = QueryParams.of(request);
        MediaKey key = new MediaKey(channel, quality, params.timestamp("start"), params.timestamp("end"));
        coalescer.respond(key, vertx.getOrCreateContext(), request.response(), body -> {
            if (!slots.offer(() -> submit(() -> start(key, body), () -> {
                body.fail(busy());
                slots.release();
            }))) {
                rejected.increment();
                body.fail(busy());
            }
        });
    }

    /** On the pool, holding a slot: the index, then the cache or the first chunks. */
    private void start(MediaKey key, SharedBody body) {
        computations.increment();
        try {
            Path qualityDir = resolver.resolveExisting(List.of(key.channel(), key.quality()));
            if (qualityDir == null || !Files.isDirectory(qualityDir)) {
                throw HttpError.notFound("no such channel or quality");
            }
            PlaylistRange range =
                    PlaylistRange.resolve(key.start(), key.end(), SegmentListing.hours(qualityDir, resolver.rule()));
            long now = nowMicros.getAsLong();
            boolean live = range.live(now);
            List<Span> spans = range.empty()
                    ? List.of()
                    : LiveEdge.apply(
                            store.bestSegments(
                                    key.channel(), key.quality(), range.startMicros(), range.endMicros(), true),
                            now);
            Set<Segment> gaps = Set.of();
            if (live) {
                LiveView view = shown.refresh(key, spans);
                spans = view.spans();
                gaps = view.gaps();
            }
            // A cached rendering is valid for the same spans, the same liveness (ENDLIST) and no gaps.
            RenderKey renderKey = new RenderKey(key, live);
            RenderCache.Rendered cached = gaps.isEmpty() ? rendered.get(renderKey, spans) : null;
            if (cached != null) {
                body.completeWhole(CONTENT_TYPE, cached.view());
                slots.release();
                return;
            }
            body.ready(CONTENT_TYPE);
            ChunkSink sink = (data, length) -> {
                try {
                    body.append(data, length);
                } catch (SharedBody.Cancelled e) {
                    throw new CancelledIo();
                }
            };
            Job job = new Job(
                    body,
                    new MediaPlaylistRenderer(urlPrefix(key.channel(), key.quality()), STREAM_CHUNK_BYTES)
                            .start(spans, live, gaps, sink),
                    gaps.isEmpty(),
                    renderKey,
                    spans);
            produce(job);
        } catch (SharedBody.Cancelled e) {
            log.debug("playlist {} abandoned: every client left", key);
            slots.release();
        } catch (BestSegments.ContainsHolesException e) {
            body.fail(new IllegalStateException(e)); // impossible: holes are allowed here
            slots.release();
        } catch (Throwable t) {
            body.fail(t);
            slots.release();
        }
    }

    /** A media playlist being rendered: it holds a slot until it ends, whichever way. */
    private record Job(
            SharedBody body,
            MediaPlaylistRenderer.Rendering rendering,
            boolean cacheable,
            RenderKey key,
            List<Span> spans) {}

    /**
     * On the pool: renders chunks while the body has room, then parks until its clients have
     * taken them (the continuation comes back here), so a thread is never held by a slow client.
     */
    private void produce(Job job) {
        try {
            while (true) {
                if (!job.rendering().next()) {
                    List<Buffer> whole = job.body().complete();
                    if (job.cacheable() && whole != null) {
                        rendered.put(job.key(), rendered.of(job.spans(), whole));
                    }
                    end(job);
                    return;
                }
                if (job.body()
                        .park(() -> submit(() -> produce(job), () -> {
                            job.body().fail(busy());
                            end(job);
                        }))) {
                    return;
                }
            }
        } catch (SharedBody.Cancelled | CancelledIo e) {
            log.debug("playlist {} abandoned: every client left", job.key().key());
            end(job);
        } catch (Throwable t) {
            job.body().fail(t);
            end(job);
        }
    }

    /** Runs {@code task} on the pool; {@code refused} if the pool has shut down (a stop). */
    private void submit(Runnable task, Runnable refused) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            refused.run();
        }
    }

    private void end(Job job) {
        slots.release();
    }

    /** Drops the cached rendering of a media playlist request, if any (the prewarm's own). */
    void forgetRendered(String channel, String quality, long startMicros, long endMicros) {
        MediaKey key = new MediaKey(channel, quality, startMicros, endMicros);
        rendered.remove(new RenderKey(key, true));
        rendered.remove(new RenderKey(key, false));
    }

    /** Bytes of cached renderings (state dumps, tests). */
    public long renderedBytes() {
        return rendered.bytes();
    }

    /** Segment URL prefix of a quality, up to the hour directory. */
    static String urlPrefix(String channel, String quality) {
        return "/segments/" + PathParts.encode(channel) + "/" + PathParts.encode(quality) + "/";
    }

    /** Unwinds the renderer when every client has gone. */
    private static final class CancelledIo extends IOException {
        private static final long serialVersionUID = 1L;

        CancelledIo() {
            super("cancelled", null);
        }
    }

    private static String stripSuffix(String name, String suffix) {
        if (!name.endsWith(suffix) || name.length() == suffix.length()) {
            throw HttpError.notFound("playlist names end in " + suffix);
        }
        return name.substring(0, name.length() - suffix.length());
    }
}
