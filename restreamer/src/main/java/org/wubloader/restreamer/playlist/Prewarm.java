package org.wubloader.restreamer.playlist;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.segment.Span;
import org.wubloader.common.storage.BestSegments;
import org.wubloader.common.storage.SegmentListing;
import org.wubloader.common.storage.SegmentStore;
import org.wubloader.common.time.HourNames;
import org.wubloader.common.time.Micros;

/**
 * Indexes the most recent hours of every channel and quality at startup, in the background, so
 * the first playlist request after a restart does not pay for listing and parsing a day of
 * segment names. Then it warms the JIT on the playlist path: the largest prewarmed range is
 * computed and rendered a few times (best segments, render, recording) into a
 * sink that discards it, so that the first real request runs compiled code instead of paying
 * for the interpreter and compilation (a 24 h playlist took 120 ms cold against 17 ms warm).
 * Last, if given a {@link LoopbackWarmup}, it requests that range from the server itself a few
 * times, which warms what only a real request runs (the HTTP and streaming side).
 * Purely an optimisation: requests arriving before it is done are served as usual, just slower.
 */
public final class Prewarm {
    private static final Logger log = LoggerFactory.getLogger(Prewarm.class);

    /** Warm-up renderings of the largest range: enough for C2 to compile the hot loops. */
    static final int WARMUP_RENDERS = 12;
    /** ... but never more than this, on a slow or busy machine. */
    static final long WARMUP_LIMIT_NANOS = 3_000_000_000L;

    private Prewarm() {}

    /** Indexes and renders, without loopback requests. @return hours indexed */
    public static int run(SegmentStore store, int hours) {
        return run(store, hours, null);
    }

    /** @param loopback sends the final requests to the server; null to skip them. @return hours indexed */
    public static int run(SegmentStore store, int hours, LoopbackWarmup loopback) {
        if (hours <= 0) {
            return 0;
        }
        long started = System.nanoTime();
        int indexed = 0;
        List<Span> largest = List.of();
        String[] largestAt = null;
        long[] largestRange = null;
        try {
            Path base = store.baseDir();
            for (String channel : SegmentListing.directories(base, store.inside())) {
                for (String quality : SegmentListing.directories(base.resolve(channel), store.inside())) {
                    if (quality.equals("chat")) {
                        continue;
                    }
                    List<String> names = SegmentListing.hours(store.qualityDir(channel, quality), store.inside());
                    List<String> recent = names.subList(Math.max(0, names.size() - hours), names.size());
                    for (String hour : recent) {
                        store.hour(channel, quality, hour);
                        indexed++;
                    }
                    if (!recent.isEmpty()) {
                        long from = HourNames.parse(recent.get(0));
                        long to = HourNames.parse(recent.get(recent.size() - 1)) + HourNames.MICROS_PER_HOUR;
                        List<Span> spans = store.bestSegments(channel, quality, from, to, true);
                        if (spans.size() > largest.size()) {
                            largest = spans;
                            largestAt = new String[] {channel, quality};
                            largestRange = new long[] {from, to};
                        }
                    }
                }
            }
            int requests = 0;
            if (largestAt != null) {
                warmUp(store, largestAt[0], largestAt[1], largestRange[0], largestRange[1]);
                if (loopback != null) {
                    requests = loopback.run(largestAt[0], largestAt[1], largestRange[0], largestRange[1]);
                }
            }
            log.info(
                    "Prewarm done: {} hours indexed, {} loopback requests, in {} ms",
                    indexed,
                    requests,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | BestSegments.ContainsHolesException | RuntimeException e) {
            log.warn("Prewarm stopped after {} hours: {}", indexed, e.toString());
        }
        return indexed;
    }

    /** The CPU work of a media playlist request, repeated, its output discarded. */
    private static void warmUp(SegmentStore store, String channel, String quality, long from, long to)
            throws IOException, BestSegments.ContainsHolesException {
        MediaPlaylistRenderer renderer = new MediaPlaylistRenderer(
                PlaylistService.urlPrefix(channel, quality), PlaylistService.STREAM_CHUNK_BYTES);
        long deadline = System.nanoTime() + WARMUP_LIMIT_NANOS;
        for (int i = 0; i < WARMUP_RENDERS && System.nanoTime() < deadline; i++) {
            // LiveEdge too: one pass over 43,200 spans per request, too few to be compiled
            // during the first one, so it would run interpreted there.
            List<Span> spans = LiveEdge.apply(store.bestSegments(channel, quality, from, to, true), Micros.now());
            // copied as a shared body copies each chunk
            renderer.render(spans, (data, length) -> Buffer.buffer(length).appendBytes(data, 0, length));
        }
    }
}
