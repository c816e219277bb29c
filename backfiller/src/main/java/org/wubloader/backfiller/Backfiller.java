package org.wubloader.backfiller;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.backfiller.cleanup.OldHourCleaner;
import org.wubloader.backfiller.cleanup.OldHours;
import org.wubloader.backfiller.peers.NodeDatabase;
import org.wubloader.backfiller.peers.Peer;
import org.wubloader.backfiller.peers.PeerDirectory;
import org.wubloader.backfiller.peers.PeerSource;
import org.wubloader.backfiller.worker.PeerWorker;
import org.wubloader.backfiller.worker.StaleTemps;
import org.wubloader.backfiller.worker.WorkerPool;
import org.wubloader.common.http.ClientMetrics;
import org.wubloader.common.retry.Backoff;
import org.wubloader.common.retry.Jitter;
import org.wubloader.common.time.Micros;

/**
 * The backfiller service: re-reads peers every 30 s (jittered; backing off while a source
 * fails), keeps one worker per peer, and with {@code --delete-old} cleans old hours. Each loop
 * has its own thread because each blocks (JDBC, directory scans); none runs on an event loop.
 */
public final class Backfiller {
    private static final Logger log = LoggerFactory.getLogger(Backfiller.class);
    /** Within docs/conventions.md §3.7's 20 s: workers get this long to abort downloads and delete temp files. */
    static final long STOP_MILLIS = 10_000;

    private final BackfillerConfig config;
    private final Vertx vertx;
    private final BackfillMetrics metrics;
    private final ClientMetrics httpMetrics;
    private final PeerDirectory directory;
    private final WorkerPool pool;
    private final OldHourCleaner cleaner;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private final List<PeerWorker> onceWorkers = new ArrayList<>();
    private volatile boolean stopped;

    public Backfiller(BackfillerConfig config, Vertx vertx, MeterRegistry registry) {
        this.config = config;
        this.vertx = vertx;
        this.metrics = new BackfillMetrics(registry);
        this.httpMetrics = new ClientMetrics(registry);
        this.directory = new PeerDirectory(sources(config), config.localhost(), metrics);
        this.pool = new WorkerPool(config, vertx, metrics, httpMetrics);
        this.cleaner = config.deleteOld()
                ? new OldHourCleaner(config.baseDir(), config.channels(), config.qualities(), metrics)
                : null;
    }

    /** Static nodes, then the node file, then the database: later ones override by name. */
    static List<PeerSource> sources(BackfillerConfig config) {
        List<PeerSource> sources = new ArrayList<>();
        if (!config.staticNodes().isEmpty()) {
            sources.add(new PeerSource.Static(config.staticNodes()));
        }
        if (config.nodeFile() != null) {
            sources.add(new PeerSource.NodeFile(config.nodeFile()));
        }
        if (config.nodeDatabase() != null && !config.nodeDatabase().isBlank()) {
            sources.add(new NodeDatabase(config.nodeDatabase(), config.timing().databaseTimeout()));
        }
        return sources;
    }

    public WorkerPool workers() {
        return pool;
    }

    /** Starts the loops; returns at once. */
    public synchronized void start() {
        removeStaleTemps();
        startThread("peer-directory", this::directoryLoop);
        if (cleaner != null) {
            startThread("delete-old", this::deleteOldLoop);
        }
    }

    /** Temp files an earlier, killed backfiller left (see {@link StaleTemps} for the age rule). */
    private void removeStaleTemps() {
        java.time.Instant now = java.time.Instant.now();
        StaleTemps.sweepAll(
                config.baseDir(),
                config.channels(),
                config.qualities(),
                now,
                config.timing().downloadTimeout());
        StaleTemps.sweepExtras(
                config.baseDir(), config.extras(), now, config.timing().downloadTimeout());
    }

    private void startThread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void directoryLoop() {
        Backoff backoff = new Backoff(config.timing().backoffBase());
        try {
            while (!stopped) {
                PeerDirectory.Round round = directory.refresh();
                synchronized (this) {
                    if (stopped) {
                        return;
                    }
                    pool.reconcile(round.peers());
                }
                Duration wait;
                if (round.ok()) {
                    backoff.success();
                    wait = Jitter.jitter(config.timing().nodeRefresh());
                } else {
                    wait = backoff.failure();
                }
                if (stopSignal.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Never expected (refresh catches source failures); logged loudly, the workers keep running.
            log.error("peer directory loop crashed; keeping the current workers", e);
        }
    }

    private void deleteOldLoop() {
        try {
            do {
                deleteOldOnce();
            } while (!stopSignal.await(
                    Jitter.jitter(config.timing().deleteOldInterval()).toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean deleteOldOnce() {
        long now = Micros.now();
        long cutoff = OldHours.cutoffHourMicros(
                config.start().orElseThrow().startHourMicros(now), now, Micros.of(config.recentCutoff()));
        try {
            cleaner.clean(cutoff);
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("--delete-old failed: {}", e.toString());
            return false;
        }
    }

    /**
     * {@code --run-once}: reads the peers once, cleans old hours once (with --delete-old), runs
     * one pass against every peer in parallel. True if everything succeeded.
     */
    public boolean runOnce() throws InterruptedException {
        removeStaleTemps();
        PeerDirectory.Round round = directory.refresh();
        boolean ok = round.ok();
        if (cleaner != null) {
            ok &= deleteOldOnce();
        }
        List<CompletableFuture<Boolean>> passes = new ArrayList<>();
        synchronized (this) {
            if (stopped) {
                return false;
            }
            for (Peer peer : round.peers().values()) {
                PeerWorker worker = new PeerWorker(peer, config, vertx, metrics, httpMetrics);
                onceWorkers.add(worker);
                passes.add(worker.runOnce());
            }
        }
        if (passes.isEmpty()) {
            log.warn("--run-once: no peers to backfill from");
        }
        for (CompletableFuture<Boolean> pass : passes) {
            try {
                ok &= pass.get();
            } catch (ExecutionException e) {
                ok = false;
            }
        }
        List<PeerWorker> workers;
        synchronized (this) {
            workers = new ArrayList<>(onceWorkers);
        }
        for (PeerWorker worker : workers) {
            worker.awaitStopped(STOP_MILLIS);
        }
        log.info("--run-once: {}", ok ? "every pass succeeded" : "some passes failed");
        return ok && !stopped;
    }

    /** Stops everything: no new downloads, in-flight ones aborted and their temp files removed. Bounded. */
    public void stop() {
        List<PeerWorker> workers;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            workers = new ArrayList<>(onceWorkers);
        }
        stopSignal.countDown();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_MILLIS);
        workers.forEach(PeerWorker::requestStop);
        pool.stopAll(STOP_MILLIS);
        try {
            for (PeerWorker worker : workers) {
                worker.awaitStopped(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            for (Thread t : threads) {
                t.interrupt();
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        directory.close();
        log.info("backfiller stopped");
    }

    /** The backdoor's {@code state}: peers, workers, in-flight downloads. */
    public String state() {
        StringBuilder out = new StringBuilder();
        out.append(directory.describe());
        out.append(pool.describe());
        List<PeerWorker> once;
        synchronized (this) {
            once = new ArrayList<>(onceWorkers);
        }
        for (PeerWorker worker : once) {
            out.append("  (run-once) ").append(worker.describe()).append('\n');
        }
        return out.toString();
    }
}
