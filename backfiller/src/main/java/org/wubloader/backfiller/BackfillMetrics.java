package org.wubloader.backfiller;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backfiller's metrics (docs/backfill.md §5.3) with the original's names and labels. Micrometer's
 * Prometheus registry exposes counters with a {@code _total} suffix, e.g.
 * {@code segments_backfilled_total}.
 */
public final class BackfillMetrics {
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<List<String>, AtomicInteger> smallDifference = new ConcurrentHashMap<>();
    private final Counter nodeListErrors;

    public BackfillMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.nodeListErrors = Counter.builder("node_list_errors")
                .description("Failures to read the list of peer nodes (database or node file)")
                .register(registry);
    }

    public void segmentBackfilled(String remote, String channel, String quality, String hour, long bytes) {
        Counter.builder("segments_backfilled")
                .description("Segments downloaded from a peer and published")
                .tags("remote", remote, "channel", channel, "quality", quality, "hour", hour)
                .register(registry)
                .increment();
        Counter.builder("backfill_bytes")
                .description("Bytes of segments downloaded from a peer and published")
                .tags("remote", remote, "channel", channel, "quality", quality)
                .register(registry)
                .increment(bytes);
    }

    public void hourBackfilled(String remote, String channel, String quality) {
        Counter.builder("hours_backfilled")
                .description("Hours compared with a peer and completed from it")
                .tags("remote", remote, "channel", channel, "quality", quality)
                .register(registry)
                .increment();
    }

    /**
     * {@code small_difference_segments{remote,channel,quality,hour}}: the original's gauge of the
     * peer's segments not fetched in the last pass over an hour because a local one differs only
     * by rounding (start ≤ 1 ms away, same hash).
     */
    public void smallDifferenceSegments(String remote, String channel, String quality, String hour, int count) {
        if (count == 0 && !smallDifference.containsKey(List.of(remote, channel, quality, hour))) {
            return; // no series for the many hours that never had one
        }
        smallDifference
                .computeIfAbsent(List.of(remote, channel, quality, hour), k -> {
                    AtomicInteger value = new AtomicInteger();
                    Gauge.builder("small_difference_segments", value, AtomicInteger::get)
                            .description(
                                    "Segments not pulled because they differ from local ones only by a very small time")
                            .tags("remote", remote, "channel", channel, "quality", quality, "hour", hour)
                            .register(registry);
                    return value;
                })
                .set(count);
    }

    public void hashMismatch(String remote, String channel, String quality, String hour) {
        Counter.builder("hash_mismatches")
                .description("Segments from a peer whose bytes did not match the hash in their name")
                .tags("remote", remote, "channel", channel, "quality", quality, "hour", hour)
                .register(registry)
                .increment();
    }

    /**
     * A download abandoned by one of its bounds: {@code reason} is {@code too_large} (over
     * {@code --max-segment-bytes}) or {@code timeout} (no headers, a stalled body, or past
     * {@code --download-timeout}) — a fixed set, so the label stays bounded.
     */
    public void downloadAbandoned(String remote, String reason) {
        Counter.builder("backfill_downloads_abandoned")
                .description("Segment downloads from a peer abandoned as too large or too slow")
                .tags("remote", remote, "reason", reason)
                .register(registry)
                .increment();
    }

    public void extraBackfilled(String remote, String dir) {
        Counter.builder("extras_backfilled")
                .description("Extra files (--extras) copied from a peer")
                .tags("remote", remote, "dir", dir)
                .register(registry)
                .increment();
    }

    public void nodeListError() {
        nodeListErrors.increment();
    }

    public void backfillError(String remote) {
        Counter.builder("backfill_errors")
                .description("Backfill passes against a peer that failed")
                .tags("remote", remote)
                .register(registry)
                .increment();
    }

    public void segmentsDeleted(String channel, String quality, String hour, int count) {
        Counter.builder("segments_deleted")
                .description("Segments deleted by --delete-old")
                .tags("channel", channel, "quality", quality, "hour", hour)
                .register(registry)
                .increment(count);
    }

    /** The in-flight downloads of {@code remote} ({@code backfill_downloads_in_flight{remote}}). */
    public AtomicInteger inFlight(String remote) {
        return inFlight.computeIfAbsent(remote, r -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("backfill_downloads_in_flight", value, AtomicInteger::get)
                    .description("Downloads from a peer in progress")
                    .tag("remote", r)
                    .register(registry);
            return value;
        });
    }
}
