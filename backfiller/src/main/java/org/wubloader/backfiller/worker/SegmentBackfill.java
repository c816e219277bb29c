package org.wubloader.backfiller.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.backfiller.BackfillMetrics;
import org.wubloader.backfiller.StartSpec;
import org.wubloader.common.http.HttpClientException;
import org.wubloader.common.process.LogContext;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.storage.AtomicFiles;
import org.wubloader.common.storage.SegmentListing;
import org.wubloader.common.time.Micros;

/** Backfills one (channel, quality) unit from one peer (docs/backfill.md §5.2 steps 1–5). Runs on the worker's thread. */
final class SegmentBackfill {
    private static final Logger log = LoggerFactory.getLogger(SegmentBackfill.class);

    private final PeerClient client;
    private final Path baseDir;
    private final Optional<StartSpec> start;
    private final long recentCutoffMicros;
    private final DownloadSlots slots;
    private final BackfillMetrics metrics;
    private final Consumer<String> activity;
    private final Random random = new Random();

    SegmentBackfill(
            PeerClient client,
            Path baseDir,
            Optional<StartSpec> start,
            Duration recentCutoff,
            DownloadSlots slots,
            BackfillMetrics metrics,
            Consumer<String> activity) {
        this.client = client;
        this.baseDir = baseDir;
        this.start = start;
        this.recentCutoffMicros = Micros.of(recentCutoff);
        this.slots = slots;
        this.metrics = metrics;
        this.activity = activity;
    }

    /** What happened in one hour, for the log line and the unit's verdict. */
    record HourReport(
            int missing,
            int downloaded,
            long bytes,
            int present,
            int tombstones,
            int skipped,
            int mismatches,
            int failed) {}

    void run(Unit.Segments unit) throws Exception {
        String channel = unit.channel();
        String quality = unit.quality();
        String remote = client.peer().name();
        activity.accept("listing hours of " + unit);
        String what = remote + " " + unit;
        List<String> listed = PeerClient.parseNames(Await.result(client.listHours(channel, quality)), what);
        long now = Micros.now();
        OptionalLong startHour =
                start.map(s -> OptionalLong.of(s.startHourMicros(now))).orElse(OptionalLong.empty());
        HourSelection.Selected selected = HourSelection.select(listed, startHour);
        if (!selected.rejected().isEmpty()) {
            log.warn("{}: ignoring names that are not hours: {}", what, selected.rejected());
        }
        List<String> failedHours = new ArrayList<>();
        int failedDownloads = 0;
        for (String hour : selected.hours()) {
            checkNotInterrupted();
            HourReport report = hour(channel, quality, hour);
            if (report.failed() > 0) {
                failedHours.add(hour);
                failedDownloads += report.failed();
            }
        }
        if (!failedHours.isEmpty()) {
            throw new PeerException(failedDownloads + " downloads from " + what + " failed, in hours " + failedHours);
        }
    }

    @SuppressWarnings("try") // the LogContext is used for its scope only
    HourReport hour(String channel, String quality, String hour) throws Exception {
        try (LogContext ignored = LogContext.of("channel", channel, "quality", quality, "hour", hour)) {
            return hourInContext(channel, quality, hour);
        }
    }

    /**
     * Starts one download once a slot is free. A method of its own, not the loop's body: this
     * method is called per segment and compiled after a few dozen calls, while the loop's method
     * runs once per hour and so stays interpreted (JFR: it was among the most sampled frames of
     * a one-hour --run-once).
     */
    private CompletableFuture<DownloadResult> submit(
            Path qualityDir, Segment segment, String hourName, int started, int total) throws InterruptedException {
        activity.accept(hourName + ": started " + started + "/" + total + " downloads");
        SegmentDownload download = new SegmentDownload(client, qualityDir, segment);
        CompletableFuture<DownloadResult> future = slots.submit(download, download::run);
        if (future == null) {
            throw new InterruptedException("stopping");
        }
        return future;
    }

    private HourReport hourInContext(String channel, String quality, String hour) throws Exception {
        String remote = client.peer().name();
        String where = remote + " " + channel + "/" + quality + "/" + hour;
        activity.accept("listing " + channel + "/" + quality + "/" + hour);
        List<String> remoteNames = PeerClient.parseNames(Await.result(client.listHour(channel, quality, hour)), where);
        Path qualityDir = baseDir.resolve(channel).resolve(quality);
        Path hourDir = qualityDir.resolve(hour);
        List<String> localNames = SegmentListing.names(hourDir);
        StaleTemps.sweep(
                hourDir,
                localNames,
                java.time.Instant.now(),
                client.segmentLimits().deadline());
        HourPlan plan = HourPlan.plan(
                channel, quality, hour, remoteNames, localNames, Micros.now(), recentCutoffMicros, random);
        warnAbout(plan, where);
        metrics.smallDifferenceSegments(
                client.peer().metricLabel(),
                channel,
                quality,
                hour,
                plan.skipped()
                        .getOrDefault(HourPlan.Skip.NEAR_IDENTICAL, List.of())
                        .size());

        int tombstonesMade = 0;
        int failed = 0;
        for (String tombstone : plan.tombstones()) {
            try {
                // AtomicFiles creates the hour directory first: a tombstone may be the first thing
                // of its hour to reach this node (the original failed the hour then).
                AtomicFiles.write(hourDir.resolve(tombstone), new byte[0]);
                tombstonesMade++;
            } catch (IOException e) {
                failed++;
                log.warn("{}: could not create tombstone {}: {}", where, tombstone, e.toString());
            }
        }

        List<CompletableFuture<DownloadResult>> futures =
                new ArrayList<>(plan.downloads().size());
        int total = plan.downloads().size();
        String hourName = channel + "/" + quality + "/" + hour;
        for (Segment segment : plan.downloads()) {
            futures.add(submit(qualityDir, segment, hourName, futures.size(), total));
        }
        activity.accept(channel + "/" + quality + "/" + hour + ": waiting for " + total + " downloads");
        Await.all(futures);

        int downloaded = 0;
        int present = 0;
        int mismatches = 0;
        long bytes = 0;
        for (int i = 0; i < futures.size(); i++) {
            DownloadResult result = futures.get(i).join();
            Segment segment = plan.downloads().get(i);
            switch (result.kind()) {
                case DOWNLOADED -> {
                    downloaded++;
                    bytes += result.bytes();
                    metrics.segmentBackfilled(client.peer().metricLabel(), channel, quality, hour, result.bytes());
                }
                case ALREADY_PRESENT -> present++;
                case HASH_MISMATCH -> {
                    mismatches++;
                    metrics.hashMismatch(client.peer().metricLabel(), channel, quality, hour);
                    log.warn(
                            "{}: {} discarded: {}",
                            where,
                            segment.path(),
                            result.error().getMessage());
                }
                case FAILED -> {
                    failed++;
                    if (HttpClientException.is(result.error(), HttpClientException.Kind.TOO_LARGE)) {
                        metrics.downloadAbandoned(client.peer().metricLabel(), "too_large");
                    } else if (HttpClientException.is(result.error(), HttpClientException.Kind.TIMEOUT)) {
                        metrics.downloadAbandoned(client.peer().metricLabel(), "timeout");
                    }
                    log.warn("{}: {} failed: {}", where, segment.path(), describe(result.error()));
                }
            }
        }
        HourReport report = new HourReport(
                plan.missingCount(),
                downloaded,
                bytes,
                present,
                tombstonesMade,
                plan.skippedCount(),
                mismatches,
                failed);
        if (failed == 0) {
            metrics.hourBackfilled(client.peer().metricLabel(), channel, quality);
        }
        if (plan.missingCount() > 0 || failed > 0) {
            log.info(
                    "{}: {} missing: downloaded {} segments ({} bytes), {} tombstones, {} already here, {} skipped {}, "
                            + "{} hash mismatches, {} failed",
                    where,
                    report.missing(),
                    downloaded,
                    bytes,
                    tombstonesMade,
                    present,
                    report.skipped(),
                    skipCounts(plan),
                    mismatches,
                    failed);
        } else {
            log.debug("{}: nothing missing", where);
        }
        return report;
    }

    private static void warnAbout(HourPlan plan, String where) {
        for (Map.Entry<HourPlan.Skip, List<String>> e : plan.skipped().entrySet()) {
            if (e.getKey() == HourPlan.Skip.UNPARSEABLE || e.getKey() == HourPlan.Skip.UNSAFE_NAME) {
                log.warn("{}: skipping {} names ({}): {}", where, e.getValue().size(), e.getKey(), e.getValue());
            }
        }
    }

    private static Map<HourPlan.Skip, Integer> skipCounts(HourPlan plan) {
        Map<HourPlan.Skip, Integer> out = new java.util.EnumMap<>(HourPlan.Skip.class);
        plan.skipped().forEach((k, v) -> out.put(k, v.size()));
        return out;
    }

    static String describe(Throwable error) {
        return error == null ? "unknown error" : error.getMessage() == null ? error.toString() : error.getMessage();
    }

    private static void checkNotInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("stopping");
        }
    }
}
