package org.wubloader.downloader.stream;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.wubloader.common.http.HttpClientException;
import org.wubloader.common.retry.Backoff;
import org.wubloader.common.retry.Jitter;
import org.wubloader.downloader.ChannelSpec;
import org.wubloader.downloader.Timings;
import org.wubloader.downloader.http.Deadline;
import org.wubloader.downloader.http.Redact;
import org.wubloader.downloader.provider.Provider;
import org.wubloader.downloader.provider.ProviderException;

/**
 * One channel: master fetches and the workers of each quality (docs/downloader.md §6 "Streams manager",
 * with the required improvements). Everything runs on the channel's context.
 *
 * <ul>
 *   <li>Master fetches never overlap: the next starts only once the last has ended or been
 *       abandoned at its hard timeout, and a result that arrives after that is dropped, so
 *       a late result never overwrites a newer one.
 *   <li>A replacement request never blocks the worker. It is pending until a master fetch
 *       started after it succeeds and either gives a different URL (twitch) or the backoff
 *       has passed (the url provider's URL never changes); then one new worker starts. A
 *       quality has at most one pending request, so a burst gives one replacement.
 * </ul>
 */
public final class StreamsManager implements WorkerHost {
    private static final Logger log = LoggerFactory.getLogger(StreamsManager.class);

    private final Vertx vertx;
    private final ChannelSpec channel;
    private final Provider provider;
    private final List<String> qualities;
    private final Timings timings;
    private final WorkerContext workerContext;
    private final Level masterLogLevel;

    private final Map<String, UrlEntry> urls = new HashMap<>();
    private final Map<String, List<StreamWorker>> workers = new LinkedHashMap<>();
    private final Map<String, Replacement> pending = new HashMap<>();
    private final Map<String, Backoff> replacementBackoff = new HashMap<>();
    private final Promise<Void> stopped = Promise.promise();
    private boolean refreshRequested = true;
    private boolean stopping;
    private long fetchSerial;
    private long inFlightSerial;
    private Promise<Void> inFlightCancel;
    private long nextFetchAllowedNanos = Long.MIN_VALUE;
    private long loopTimer = -1;
    private int workerSerial;
    private int fetches;
    private String lastFetchError;

    private record UrlEntry(URI uri, long fetchedNanos) {}

    private record Replacement(URI callerUri, long requestedNanos, Duration backoff, long timer) {}

    public StreamsManager(DownloadContext downloads, ChannelSpec channel, Provider provider, List<String> qualities) {
        this.vertx = downloads.vertx();
        this.channel = channel;
        this.provider = provider;
        this.qualities = List.copyOf(qualities);
        this.timings = downloads.timings();
        this.workerContext = new WorkerContext(this, downloads, channel.name(), provider.limits());
        this.masterLogLevel = channel.important() ? Level.INFO : Level.DEBUG;
        for (String quality : qualities) {
            workers.put(quality, new ArrayList<>());
        }
    }

    public String channelName() {
        return channel.name();
    }

    /** Starts the loop. Call on the channel's context. */
    public void start() {
        schedule();
    }

    // ---- the master-fetch loop ----------------------------------------------------------

    private void schedule() {
        if (loopTimer >= 0) {
            vertx.cancelTimer(loopTimer);
            loopTimer = -1;
        }
        if (stopping || inFlightSerial != 0) {
            return; // the fetch's end calls schedule() again
        }
        long now = System.nanoTime();
        long due = refreshRequested ? now : now + untilOldestWorkerExpires(now);
        long at = Math.max(due, nextFetchAllowedNanos);
        if (at - now <= 0) {
            startFetch(now);
        } else {
            loopTimer = vertx.setTimer(Math.max(1, (at - now) / 1_000_000L), id -> {
                loopTimer = -1;
                schedule();
            });
        }
    }

    /**
     * docs/downloader.md §6: the minimum over qualities of (max age − age of the newest worker), at least 0.
     * A quality without workers counts as 0, so a dead quality is never left waiting for
     * another quality's workers to expire.
     */
    private long untilOldestWorkerExpires(long now) {
        long maxAge = provider.limits().maxWorkerAge().toNanos();
        long min = Long.MAX_VALUE;
        for (List<StreamWorker> list : workers.values()) {
            if (list.isEmpty()) {
                return 0;
            }
            long age = now - list.get(list.size() - 1).urlFetchedNanos();
            min = Math.min(min, Math.max(0, maxAge - age));
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }

    private void requestRefresh() {
        refreshRequested = true;
        schedule();
    }

    private void startFetch(long now) {
        refreshRequested = false;
        long serial = ++fetchSerial;
        inFlightSerial = serial;
        fetches++;
        Timings.Master master = timings.master();
        Duration interval = channel.important() ? master.minIntervalImportant() : master.minIntervalNormal();
        nextFetchAllowedNanos = now + Jitter.jitter(interval).toNanos();
        Promise<Void> cancel = Promise.promise();
        inFlightCancel = cancel;
        Deadline.run(vertx, "master fetch of " + channel.name(), master.fetch(), this::requestRefresh, hard -> {
                    hard.onComplete(v -> cancel.tryComplete());
                    return provider.fetch(qualities, cancel.future());
                })
                .onComplete(ar -> {
                    if (serial != inFlightSerial) {
                        return; // abandoned at its hard timeout, or we are stopping
                    }
                    inFlightSerial = 0;
                    inFlightCancel = null;
                    if (stopping) {
                        return;
                    }
                    if (ar.succeeded()) {
                        lastFetchError = null;
                        applyUrls(now, ar.result());
                    } else {
                        fetchFailed(ar.cause());
                    }
                    schedule();
                });
    }

    private void fetchFailed(Throwable error) {
        lastFetchError = error.getMessage();
        if (HttpClientException.isStatus(error, 404)) {
            log.atLevel(masterLogLevel).log("{}: stream is not up", channel.name());
            refreshRequested = true;
        } else if (HttpClientException.is(error, HttpClientException.Kind.TIMEOUT)) {
            // The soft timeout already asked for a refresh.
            log.warn("{}: master fetch failed: {}", channel.name(), error.getMessage());
        } else if (error instanceof ProviderException
                || HttpClientException.is(error, HttpClientException.Kind.STATUS)) {
            log.warn("{}: master fetch failed: {}", channel.name(), error.getMessage());
            refreshRequested = true;
        } else {
            log.warn("{}: master fetch failed", channel.name(), error);
            refreshRequested = true;
        }
    }

    private void applyUrls(long fetchedNanos, Map<String, URI> result) {
        log.atLevel(masterLogLevel).log("{}: master fetch gave {}", channel.name(), result.keySet());
        for (String quality : qualities) {
            URI uri = result.get(quality);
            if (uri == null) {
                log.warn("{}: quality {} is not offered; will retry", channel.name(), quality);
                refreshRequested = true;
                continue;
            }
            urls.put(quality, new UrlEntry(uri, fetchedNanos));
            List<StreamWorker> list = workers.get(quality);
            if (pending.containsKey(quality)) {
                tryReplace(quality);
            } else if (list.isEmpty()) {
                startWorker(quality);
            } else if (System.nanoTime() - list.get(list.size() - 1).urlFetchedNanos()
                    > provider.limits().maxWorkerAge().toNanos()) {
                log.info(
                        "{}/{}: newest worker is older than {}; starting another",
                        channel.name(),
                        quality,
                        provider.limits().maxWorkerAge());
                startWorker(quality);
            }
        }
    }

    private void startWorker(String quality) {
        UrlEntry entry = urls.get(quality);
        if (stopping || entry == null) {
            return;
        }
        StreamWorker worker =
                new StreamWorker(workerContext, quality, entry.uri(), entry.fetchedNanos(), ++workerSerial);
        workers.get(quality).add(worker);
        worker.start();
    }

    // ---- worker callbacks -----------------------------------------------------------------

    @Override
    public void requestNewWorker(StreamWorker worker, String reason) {
        String quality = worker.quality();
        List<StreamWorker> list = workers.get(quality);
        if (stopping || list.isEmpty() || list.get(list.size() - 1) != worker) {
            log.debug(
                    "{}/{}: ignoring a replacement request from worker {} ({}): not the newest",
                    channel.name(),
                    quality,
                    worker.id(),
                    reason);
            return;
        }
        if (pending.containsKey(quality)) {
            log.debug("{}/{}: a replacement is already pending; ignoring {}", channel.name(), quality, reason);
            return;
        }
        Duration backoff = replacementBackoff
                .computeIfAbsent(quality, q -> new Backoff(timings.replacementBackoff()))
                .failure();
        long timer = vertx.setTimer(Deadline.millis(backoff), id -> tryReplace(quality));
        pending.put(quality, new Replacement(worker.uri(), System.nanoTime(), backoff, timer));
        log.info(
                "{}/{}: worker {} asks for a replacement ({}); refreshing",
                channel.name(),
                quality,
                worker.id(),
                reason);
        requestRefresh();
    }

    /** Starts the pending replacement if a fresh master fetch allows it (see the class comment). */
    private void tryReplace(String quality) {
        Replacement request = pending.get(quality);
        UrlEntry entry = urls.get(quality);
        if (request == null || entry == null || stopping) {
            return;
        }
        boolean freshFetch = entry.fetchedNanos() - request.requestedNanos() >= 0;
        boolean newUrl = !entry.uri().equals(request.callerUri());
        boolean waited = System.nanoTime() - request.requestedNanos()
                >= request.backoff().toNanos();
        if (!freshFetch || !(newUrl || waited)) {
            return;
        }
        pending.remove(quality);
        vertx.cancelTimer(request.timer());
        log.info(
                "{}/{}: starting a replacement worker ({})",
                channel.name(),
                quality,
                newUrl ? "new URL" : "same URL after " + request.backoff().toMillis() + " ms");
        startWorker(quality);
        requestRefresh();
    }

    @Override
    public void working(StreamWorker worker) {
        List<StreamWorker> list = workers.get(worker.quality());
        int index = list.indexOf(worker);
        for (int i = 0; i < index; i++) {
            StreamWorker older = list.get(i);
            if (!older.stopped()) {
                log.info(
                        "{}/{}: worker {} is working; worker {} stands down",
                        channel.name(),
                        worker.quality(),
                        worker.id(),
                        older.id());
                older.stop();
            }
        }
        if (index == list.size() - 1) {
            Backoff backoff = replacementBackoff.get(worker.quality());
            if (backoff != null) {
                backoff.success();
            }
        }
    }

    @Override
    public void workerDone(StreamWorker worker) {
        workers.get(worker.quality()).remove(worker);
        if (stopping) {
            if (workers.values().stream().allMatch(List::isEmpty)) {
                stopped.tryComplete();
            }
        } else {
            schedule(); // a quality without workers makes the loop's timeout 0
        }
    }

    // ---- stopping -------------------------------------------------------------------------

    /**
     * SIGTERM: no more fetches, workers stop polling, queued getters are dropped; running
     * getters finish their attempts. Completes when every worker is done.
     */
    public Future<Void> shutdown() {
        if (!stopping) {
            stopping = true;
            if (loopTimer >= 0) {
                vertx.cancelTimer(loopTimer);
            }
            if (inFlightCancel != null) {
                inFlightCancel.tryComplete();
            }
            inFlightSerial = 0;
            pending.values().forEach(r -> vertx.cancelTimer(r.timer()));
            pending.clear();
            List<StreamWorker> all = new ArrayList<>();
            workers.values().forEach(all::addAll);
            all.forEach(StreamWorker::shutdown);
            if (workers.values().stream().allMatch(List::isEmpty)) {
                stopped.tryComplete();
            }
        }
        return stopped.future();
    }

    /** After the grace period: break off every running download (kept as partial). */
    public void abortAll() {
        // Copied: an abort can end a worker at once, which removes it from these lists.
        List<StreamWorker> all = new ArrayList<>();
        workers.values().forEach(all::addAll);
        all.forEach(StreamWorker::abortAll);
    }

    /** This channel and its workers, as values (on the channel's context only). */
    public ChannelStatus status() {
        List<ChannelStatus.Worker> all = new ArrayList<>();
        workers.values().forEach(list -> list.forEach(w -> all.add(w.status())));
        return new ChannelStatus(
                channel.name(),
                channel.important(),
                channel.type().text(),
                stopping,
                fetches,
                inFlightSerial != 0,
                lastFetchError,
                all);
    }

    /** The backdoor's lines for this channel: its {@link #status()}, its URLs, then each worker's. */
    public String describe() {
        ChannelStatus s = status();
        StringBuilder out = new StringBuilder();
        out.append(s.channel())
                .append(s.important() ? "!" : "")
                .append(" (")
                .append(s.type())
                .append(")")
                .append(s.stopping() ? " STOPPING" : "")
                .append(" master-fetches=")
                .append(s.masterFetches())
                .append(s.fetching() ? " fetching" : "");
        if (s.lastError() != null) {
            out.append(" last-error=").append(s.lastError());
        }
        out.append('\n');
        urls.forEach((q, e) -> out.append("  url ")
                .append(q)
                .append(' ')
                .append(Redact.uri(e.uri()))
                .append(pending.containsKey(q) ? " (replacement pending)" : "")
                .append('\n'));
        workers.values().forEach(list -> list.forEach(w -> out.append(w.describe())));
        return out.toString();
    }
}
