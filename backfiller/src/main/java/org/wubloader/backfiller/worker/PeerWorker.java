package org.wubloader.backfiller.worker;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.backfiller.BackfillMetrics;
import org.wubloader.backfiller.BackfillerConfig;
import org.wubloader.backfiller.peers.Peer;
import org.wubloader.common.http.ClientMetrics;
import org.wubloader.common.retry.Backoff;
import org.wubloader.common.retry.Jitter;

/**
 * Backfills from one peer (docs/backfill.md §5.2) on its own thread: pass, wait 120 s (jittered), repeat; on
 * error, back off. Every unit of a pass — each (channel, quality) pair and each extras directory
 * — goes through the same error path: a failing unit is logged and the pass goes on with the
 * next, and the pass counts as failed.
 */
public final class PeerWorker {
    private static final Logger log = LoggerFactory.getLogger(PeerWorker.class);

    private final Peer peer;
    private final BackfillerConfig config;
    private final BackfillMetrics metrics;
    private final PeerClient client;
    private final InFlight inFlight;
    private final List<Unit> units;
    private final SegmentBackfill segments;
    private final ExtrasBackfill extras;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CompletableFuture<Boolean> firstPass = new CompletableFuture<>();
    private volatile boolean stopping;
    private volatile Thread thread;
    private volatile String activity = "not started";
    private volatile int passes;
    private volatile String lastError = "";

    public PeerWorker(
            Peer peer, BackfillerConfig config, Vertx vertx, BackfillMetrics metrics, ClientMetrics httpMetrics) {
        this.peer = peer;
        this.config = config;
        this.metrics = metrics;
        this.client = new PeerClient(vertx, peer, config, httpMetrics);
        this.inFlight = new InFlight(metrics.inFlight(peer.metricLabel()));
        DownloadSlots slots = new DownloadSlots(config.downloadConcurrency(), inFlight);
        Path baseDir = config.baseDir();
        this.segments = new SegmentBackfill(
                client, baseDir, config.start(), config.recentCutoff(), slots, metrics, a -> activity = a);
        this.extras = new ExtrasBackfill(client, baseDir, slots, metrics, a -> activity = a);
        this.units = units(config);
    }

    /** Channels × qualities, then the extras directories. */
    static List<Unit> units(BackfillerConfig config) {
        List<Unit> out = new ArrayList<>();
        for (String channel : config.channels()) {
            for (String quality : config.qualities()) {
                out.add(new Unit.Segments(channel, quality));
            }
        }
        for (String dir : config.extras()) {
            out.add(new Unit.Extras(dir));
        }
        return out;
    }

    public Peer peer() {
        return peer;
    }

    /** Starts passing forever (until stopped). */
    public void start() {
        startThread(false);
    }

    /** Runs exactly one pass; the future says whether it succeeded (false also when stopped). */
    public CompletableFuture<Boolean> runOnce() {
        startThread(true);
        return firstPass;
    }

    private void startThread(boolean once) {
        Thread t = new Thread(() -> loop(once), "backfill-" + peer.name());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void loop(boolean once) {
        // This thread works for this peer only: its URL is a log field (--log-json) of all it logs.
        org.slf4j.MDC.put("peer", peer.url());
        Backoff backoff = new Backoff(config.timing().backoffBase());
        log.info("{}: backfilling from {}", peer.name(), peer.url());
        try {
            while (!stopping) {
                boolean ok = pass();
                passes++;
                if (!ok) {
                    metrics.backfillError(peer.metricLabel());
                }
                firstPass.complete(ok);
                if (once) {
                    return;
                }
                Duration wait;
                if (ok) {
                    backoff.success();
                    wait = Jitter.jitter(config.timing().passInterval());
                    activity = "pass done, next at " + Instant.now().plus(wait);
                } else {
                    wait = backoff.failure();
                    activity = "pass failed, retrying at " + Instant.now().plus(wait);
                    log.warn("{}: pass failed, retrying in {} s", peer.name(), wait.toSeconds());
                }
                if (stopSignal.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // stop() interrupts: fall through to the end of the thread
        } catch (RuntimeException | Error e) {
            log.error("{}: worker crashed", peer.name(), e);
            metrics.backfillError(peer.metricLabel());
        } finally {
            firstPass.complete(false);
            activity = "stopped";
        }
    }

    /** One pass over every unit; true if all succeeded. */
    boolean pass() throws InterruptedException {
        boolean ok = true;
        for (Unit unit : units) {
            if (stopping) {
                throw new InterruptedException("stopping");
            }
            try {
                if (unit instanceof Unit.Segments s) {
                    segments.run(s);
                } else if (unit instanceof Unit.Extras x) {
                    extras.run(x);
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (stopping) {
                    throw new InterruptedException("stopping");
                }
                ok = false;
                lastError = Instant.now() + " " + unit + ": " + SegmentBackfill.describe(e);
                log.warn("{}: backfilling {} failed: {}", peer.name(), unit, SegmentBackfill.describe(e));
            }
        }
        if (ok) {
            log.info("{}: pass complete", peer.name());
        }
        return ok;
    }

    /** Asks the worker to stop: no new downloads, running ones aborted (their temp files removed). */
    public void requestStop() {
        stopping = true;
        stopSignal.countDown();
        inFlight.closeAndAbortAll("stopping");
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * Waits for the thread to end and every download to have cleaned up, then closes the
     * connections; true if all that happened within {@code millis}.
     */
    public boolean awaitStopped(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        Thread t = thread;
        if (t != null) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        boolean clean = inFlight.awaitEmpty(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        client.close();
        return clean && (t == null || !t.isAlive());
    }

    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(peer.name())
                .append(" ")
                .append(peer.url())
                .append(": ")
                .append(activity)
                .append("; passes ")
                .append(passes);
        if (!lastError.isEmpty()) {
            out.append("; last error ").append(lastError);
        }
        List<String> downloads = inFlight.describe();
        out.append("; in flight ").append(downloads.size());
        for (String d : downloads) {
            out.append("\n    ").append(d);
        }
        return out.toString();
    }

    public int inFlightCount() {
        return inFlight.size();
    }
}
