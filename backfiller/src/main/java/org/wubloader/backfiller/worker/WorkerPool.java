package org.wubloader.backfiller.worker;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.backfiller.BackfillMetrics;
import org.wubloader.backfiller.BackfillerConfig;
import org.wubloader.backfiller.peers.Peer;
import org.wubloader.common.http.ClientMetrics;

/** One worker per peer (docs/backfill.md §5.2): started as peers appear, stopped as they leave or change URL. */
public final class WorkerPool {
    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    private static final long STOP_MILLIS = 10_000;

    private final BackfillerConfig config;
    private final Vertx vertx;
    private final BackfillMetrics metrics;
    private final ClientMetrics httpMetrics;
    private final Map<String, PeerWorker> workers = new TreeMap<>();
    private final List<CompletableFuture<Void>> stopping = new ArrayList<>();

    public WorkerPool(BackfillerConfig config, Vertx vertx, BackfillMetrics metrics, ClientMetrics httpMetrics) {
        this.config = config;
        this.vertx = vertx;
        this.metrics = metrics;
        this.httpMetrics = httpMetrics;
    }

    /** Makes the running workers match {@code peers}; workers that stay are not disturbed. */
    public synchronized void reconcile(Map<String, Peer> peers) {
        for (PeerWorker worker : new ArrayList<>(workers.values())) {
            Peer wanted = peers.get(worker.peer().name());
            if (!worker.peer().equals(wanted)) {
                log.info(
                        "{}: peer {}, stopping its worker",
                        worker.peer().name(),
                        wanted == null ? "gone" : "changed URL");
                workers.remove(worker.peer().name());
                stopInBackground(worker);
            }
        }
        for (Peer peer : peers.values()) {
            if (!workers.containsKey(peer.name())) {
                PeerWorker worker = new PeerWorker(peer, config, vertx, metrics, httpMetrics);
                workers.put(peer.name(), worker);
                worker.start();
            }
        }
    }

    private void stopInBackground(PeerWorker worker) {
        worker.requestStop();
        stopping.removeIf(CompletableFuture::isDone);
        stopping.add(CompletableFuture.runAsync(() -> awaitQuietly(worker, STOP_MILLIS)));
    }

    /** Stops every worker, aborting downloads; returns once all are stopped or {@code millis} passed. */
    public void stopAll(long millis) {
        List<PeerWorker> all;
        List<CompletableFuture<Void>> pending;
        synchronized (this) {
            all = new ArrayList<>(workers.values());
            workers.clear();
            pending = new ArrayList<>(stopping);
        }
        long deadline = System.nanoTime() + millis * 1_000_000L;
        all.forEach(PeerWorker::requestStop);
        for (PeerWorker worker : all) {
            awaitQuietly(worker, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
        }
        for (CompletableFuture<Void> f : pending) {
            try {
                f.get(
                        Math.max(1, (deadline - System.nanoTime()) / 1_000_000L),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.warn("a removed worker did not stop in time: {}", e.toString());
            }
        }
    }

    private static void awaitQuietly(PeerWorker worker, long millis) {
        try {
            if (!worker.awaitStopped(millis)) {
                log.warn("{}: worker did not stop within {} ms", worker.peer().name(), millis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized List<String> peerNames() {
        return new ArrayList<>(workers.keySet());
    }

    public synchronized PeerWorker worker(String name) {
        return workers.get(name);
    }

    public synchronized String describe() {
        StringBuilder out = new StringBuilder();
        out.append("workers: ").append(workers.size()).append('\n');
        for (PeerWorker worker : workers.values()) {
            out.append("  ").append(worker.describe()).append('\n');
        }
        return out.toString();
    }
}
