package org.wubloader.restreamer.playlist;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
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
    /** Room for several 24 h playlists (8 MB each). */
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
    private final Coalescer<MediaKey> coalescer = new Coalescer<>();
    private final Counter computations;
    private final Counter rejected;
    private final RenderCache<RenderKey> rendered = new RenderCache<>(RENDER_CACHE_BYTES);
    private final LivePlaylists<MediaKey> shown = new LivePlaylists<>(LIVE_SPANS_KEPT);

    public PlaylistService(
            SafeResolver resolver,
            SegmentStore store,
            ExecutorService executor,
            LongSupplier nowMicros,
            MeterRegistry registry) {
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
        Gauge.builder("playlist_computations_in_flight", coalescer, Coalescer::inFlight)
                .description("Media playlist computations in progress")
                .register(registry);
    }

    public int inFlight() {
        return coalescer.inFlight();
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
        execute(response, () -> {
            try {
                String body = renderMaster(channel, start, end, query);
                context.runOnContext(
                        v -> response.putHeader("Content-Type", CONTENT_TYPE).end(body));
            } catch (Throwable t) {
                context.runOnContext(v -> Replies.error(response, t));
            }
        });
    }

    /** Runs playlist work on the pool; a full pool answers 503 at once (PlaylistLimits). */
    private void execute(HttpServerResponse response, Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
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
            try {
                executor.execute(() -> produce(key, body));
            } catch (RejectedExecutionException e) {
                rejected.increment();
                body.fail(busy());
            }
        });
    }

    private void produce(MediaKey key, SharedBody body) {
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
                return;
            }
            body.ready(CONTENT_TYPE);
            RenderCache.Recorder recorder = new RenderCache.Recorder(rendered.maxEntryBytes());
            new MediaPlaylistRenderer(urlPrefix(key.channel(), key.quality()), STREAM_CHUNK_BYTES)
                    .render(spans, live, gaps, (data, length) -> {
                        try {
                            recorder.add(data, length);
                            body.append(data, length);
                        } catch (SharedBody.Cancelled e) {
                            throw new CancelledIo();
                        }
                    });
            body.complete();
            if (gaps.isEmpty()) {
                rendered.put(renderKey, recorder.result(spans, rendered.maxEntryBytes()));
            }
        } catch (SharedBody.Cancelled | CancelledIo e) {
            log.debug("playlist {} abandoned: every client left", key);
        } catch (BestSegments.ContainsHolesException e) {
            body.fail(new IllegalStateException(e)); // impossible: holes are allowed here
        } catch (Throwable t) {
            body.fail(t);
        }
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
