package org.wubloader.downloader.stream;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.http.HttpClientException;
import org.wubloader.common.process.LogContext;
import org.wubloader.common.retry.Jitter;
import org.wubloader.downloader.Timings;
import org.wubloader.downloader.hls.HlsParser;
import org.wubloader.downloader.hls.MediaPlaylist;
import org.wubloader.downloader.hls.MediaSegment;
import org.wubloader.downloader.http.Deadline;
import org.wubloader.downloader.http.Fetch;
import org.wubloader.downloader.http.Redact;
import org.wubloader.downloader.provider.ProviderLimits;

/**
 * Polls one media playlist URL and starts a getter per new segment (docs/downloader.md §6 "Stream
 * workers"). Everything runs on the channel's context; nothing here blocks: a replacement
 * request returns at once, and a full getter pool queues new getters instead of stalling
 * the poll loop or stop handling.
 */
final class StreamWorker {
    private static final Logger log = LoggerFactory.getLogger(StreamWorker.class);

    private final WorkerHost host;
    private final Vertx vertx;
    private final String channel;
    private final String quality;
    private final URI uri;
    private final long urlFetchedNanos;
    private final ProviderLimits limits;
    private final Timings timings;
    private final DownloaderMetrics metrics;
    private final PlaylistHistory history;
    private final WorkerScope scope;
    private final String id;
    private final DownloaderMetrics.SkewMeters skewMeters;
    private final Map<URI, SegmentGetter> getters = new LinkedHashMap<>();
    private final Deque<SegmentGetter> queued = new ArrayDeque<>();
    private final Set<SegmentGetter> notIdle = new HashSet<>();
    private final Set<URI> adsCounted = new HashSet<>();
    private final Set<URI> skewJudged = new HashSet<>();
    private final Set<URI> encryptedRefused = new HashSet<>();
    private final Promise<Void> stopSignal = Promise.promise();
    private final Promise<Void> done = Promise.promise();
    private int running;
    private int successfulPolls;
    private boolean suspect;
    private boolean stopped;
    private boolean shuttingDown;
    private long pollTimer = -1;
    private String lastError;

    /**
     * @param uri the media playlist this worker polls
     * @param urlFetchedNanos when the master fetch that gave {@code uri} ran (the worker's age)
     * @param serial this worker's number in its channel, shown in hex in logs
     */
    StreamWorker(WorkerContext context, String quality, URI uri, long urlFetchedNanos, int serial) {
        this.host = context.host();
        this.vertx = context.vertx();
        this.channel = context.channel();
        this.quality = quality;
        this.uri = uri;
        this.urlFetchedNanos = urlFetchedNanos;
        this.limits = context.limits();
        this.timings = context.timings();
        this.metrics = context.metrics();
        this.history = new PlaylistHistory(context.downloads().playlistDebug());
        this.id = Integer.toHexString(serial);
        HttpClient client = context.downloads().clients().get();
        this.scope = new WorkerScope(context, quality, client, new MapCache(vertx, timings, metrics.client()));
        this.skewMeters = metrics.skew(channel, quality, id);
    }

    URI uri() {
        return uri;
    }

    String quality() {
        return quality;
    }

    long urlFetchedNanos() {
        return urlFetchedNanos;
    }

    boolean stopped() {
        return stopped;
    }

    Future<Void> done() {
        return done.future();
    }

    void start() {
        log.info("{}/{}: worker {} starting on {}", channel, quality, id, Redact.uri(uri));
        poll();
    }

    /** Stops polling; getters already known (queued ones too) still run to the end. */
    void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (pollTimer >= 0) {
            vertx.cancelTimer(pollTimer);
            pollTimer = -1;
        }
        stopSignal.tryComplete();
        maybeFinish();
    }

    /** SIGTERM: stop polling, drop queued getters, no more retries; running attempts go on. */
    void shutdown() {
        shuttingDown = true;
        for (SegmentGetter getter : queued) {
            getters.remove(getter.uri());
            notIdle.remove(getter);
        }
        queued.clear();
        List.copyOf(getters.values()).forEach(SegmentGetter::stopRetrying);
        stop();
    }

    /** After the shutdown grace: break off running downloads (kept as partial). */
    void abortAll() {
        for (SegmentGetter getter : List.copyOf(notIdle)) {
            getter.abort();
        }
    }

    @SuppressWarnings("try") // the LogContext is used for its scope only
    private void poll() {
        pollTimer = -1;
        if (stopped) {
            return;
        }
        Instant fetchedAt = Instant.now();
        Deadline.run(
                        vertx,
                        "media playlist " + Redact.uri(uri),
                        timings.playlist().fetch(),
                        () -> host.requestNewWorker(this, "media playlist fetch is slow"),
                        cancel -> {
                            Promise<Void> either = Promise.promise();
                            cancel.onComplete(v -> either.tryComplete());
                            stopSignal.future().onComplete(v -> either.tryComplete());
                            return Fetch.get("get_media_playlist", uri)
                                    .run(vertx, scope.workerClient(), metrics.client(), either.future());
                        })
                .map(response -> HlsParser.parseMedia(response.body(), response.finalUri()))
                .onComplete(ar -> {
                    if (stopped) {
                        return;
                    }
                    // channel and quality as log fields (--log-json) for what a poll logs
                    try (LogContext ignored = LogContext.of("channel", channel, "quality", quality)) {
                        pollDone(ar, fetchedAt);
                    }
                });
    }

    private void pollDone(io.vertx.core.AsyncResult<MediaPlaylist> ar, Instant fetchedAt) {
        if (ar.failed()) {
            pollFailed(ar.cause());
            return;
        }
        try {
            pollSucceeded(ar.result(), fetchedAt);
        } catch (RuntimeException e) {
            // A bug here must not leave the stream unwatched: replace the worker.
            log.error("{}/{}: worker {} failed", channel, quality, id, e);
            host.requestNewWorker(this, "worker failed: " + e);
            stop();
        }
    }

    private void pollFailed(Throwable error) {
        lastError = error.getMessage();
        boolean expected = error instanceof HttpClientException
                || error instanceof IllegalArgumentException
                || error instanceof VertxException
                || error instanceof IOException;
        if (expected) {
            log.warn(
                    "{}/{}: worker {}: fetching the media playlist failed: {}", channel, quality, id, error.toString());
        } else {
            log.warn("{}/{}: worker {}: fetching the media playlist failed", channel, quality, id, error);
        }
        host.requestNewWorker(this, "media playlist fetch failed: " + error.getMessage());
        if (successfulPolls == 0 || HttpClientException.isStatus(error, 403, 404)) {
            log.info(
                    "{}/{}: worker {} stopping ({})",
                    channel,
                    quality,
                    id,
                    successfulPolls == 0 ? "its first fetch failed" : "the URL has expired");
            stop();
            return;
        }
        schedulePoll(timings.playlist().errorWait());
    }

    private void pollSucceeded(MediaPlaylist playlist, Instant fetchedAt) {
        successfulPolls++;
        lastError = null;
        history.add(fetchedAt, playlist.text());
        for (String warning : playlist.warnings()) {
            log.debug("{}/{}: playlist: {}", channel, quality, warning);
        }
        List<MediaSegment> usable = new ArrayList<>(playlist.segments().size());
        for (MediaSegment segment : playlist.segments()) {
            if (segment.encrypted()) {
                if (encryptedRefused.add(segment.uri())) {
                    log.error(
                            "{}/{}: refusing {}: {}",
                            channel,
                            quality,
                            Redact.uri(segment.uri()),
                            encryptionMessage(segment));
                }
            } else {
                usable.add(segment);
            }
        }
        PollPlan plan = PollPlan.plan(
                usable, fetchedAt, getters.keySet(), adsCounted, skewJudged, limits.skewDetection(), suspect);
        apply(plan);
        Set<URI> listed = new HashSet<>();
        for (MediaSegment segment : playlist.segments()) {
            listed.add(segment.uri());
        }
        getters.entrySet().removeIf(e -> e.getValue().driverDone().isComplete() && !listed.contains(e.getKey()));
        adsCounted.retainAll(listed);
        skewJudged.retainAll(listed);
        encryptedRefused.retainAll(listed);
        if (playlist.endList()) {
            log.info("{}/{}: worker {}: the playlist has ended", channel, quality, id);
            host.requestNewWorker(this, "end of playlist");
            stop();
            return;
        }
        schedulePoll(timings.playlist().pollInterval());
    }

    private static String encryptionMessage(MediaSegment segment) {
        try {
            segment.requireDownloadable();
            return "encrypted";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private void apply(PollPlan plan) {
        for (URI ad : plan.newAds()) {
            log.info("{}/{}: ignoring ad segment {}", channel, quality, Redact.uri(ad));
            metrics.adIgnored(channel, quality);
            adsCounted.add(ad);
        }
        skewJudged.addAll(plan.judged());
        for (double skew : plan.skews()) {
            skewMeters.record(skew);
        }
        if (plan.flaggedBySkew() != null) {
            suspect = true;
            log.warn(
                    "{}/{}: worker {}: segment times jumped by {} s; its segments are suspect from now on,"
                            + " and a new worker is asked for",
                    channel,
                    quality,
                    id,
                    -plan.flaggedBySkew());
            metrics.suspiciousSkew(channel, quality);
            host.requestNewWorker(this, "clock skew " + plan.flaggedBySkew() + " s");
        }
        // Only once a real (non-ad) segment is listed: a new connection often starts with a
        // pre-roll ad, and older workers standing down during it would lose the content they
        // still deliver.
        if (plan.sawContent()) {
            host.working(this);
        }
        List<PlaylistHistory.Entry> snapshot = history.snapshot();
        for (PollPlan.NewSegment segment : plan.newSegments()) {
            if (segment.guessedStart()) {
                log.warn(
                        "{}/{}: {} has no date; guessing its start from the fetch time and saving it as suspect",
                        channel,
                        quality,
                        Redact.uri(segment.segment().uri()));
            }
            SegmentGetter getter = new SegmentGetter(scope, segment, snapshot);
            getters.put(getter.uri(), getter);
            notIdle.add(getter);
            getter.idle().onComplete(v -> {
                notIdle.remove(getter);
                maybeFinish();
            });
            if (running < limits.maxGetters()) {
                startGetter(getter);
            } else {
                queued.add(getter);
            }
        }
    }

    private void startGetter(SegmentGetter getter) {
        running++;
        getter.driverDone().onComplete(v -> {
            running--;
            SegmentGetter next = queued.poll();
            if (next != null) {
                startGetter(next);
            }
        });
        getter.start();
    }

    private void schedulePoll(Duration wait) {
        if (!stopped) {
            pollTimer = vertx.setTimer(Deadline.millis(Jitter.jitter(wait)), id -> poll());
        }
    }

    private void maybeFinish() {
        if (!stopped || !notIdle.isEmpty() || done.future().isComplete()) {
            return;
        }
        scope.workerClient().close();
        skewMeters.close();
        log.info("{}/{}: worker {} done", channel, quality, id);
        done.tryComplete();
        host.workerDone(this);
    }

    ChannelStatus.Worker status() {
        return new ChannelStatus.Worker(
                id,
                quality,
                Redact.uri(uri),
                !stopped,
                suspect,
                successfulPolls,
                notIdle.size(),
                running,
                queued.size(),
                encryptedRefused.size(),
                lastError);
    }

    /** The backdoor's lines for this worker: its {@link #status()}, then a line per busy getter. */
    String describe() {
        ChannelStatus.Worker s = status();
        StringBuilder out = new StringBuilder();
        out.append("  worker ")
                .append(s.id())
                .append(' ')
                .append(s.quality())
                .append(' ')
                .append(s.uri())
                .append(s.polling() ? " polling" : " stopped")
                .append(s.suspect() ? " SUSPECT" : "")
                .append(" polls=")
                .append(s.polls())
                .append(" getters=")
                .append(s.getters())
                .append(" running=")
                .append(s.running())
                .append(" queued=")
                .append(s.queued());
        if (s.encryptedRefused() > 0) {
            out.append(" encrypted-refused=").append(s.encryptedRefused());
        }
        if (s.lastError() != null) {
            out.append(" last-error=").append(s.lastError());
        }
        out.append('\n');
        for (SegmentGetter getter : notIdle) {
            out.append("    getter ").append(getter.describe()).append('\n');
        }
        return out.toString();
    }

    String id() {
        return id;
    }
}
