package org.wubloader.backfiller.worker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The downloads a worker has in flight: what the backdoor shows, what the gauge counts, and what
 * a stop aborts. Once closed, nothing new may start, so a stop cannot race a download into
 * existence after it has aborted the others.
 */
final class InFlight {
    /** A download that can be given up from any thread. */
    interface Abortable {
        void abort(String reason);

        String describe();
    }

    private final Set<Abortable> active = new LinkedHashSet<>();
    private final AtomicInteger gauge;
    private boolean closed;

    InFlight(AtomicInteger gauge) {
        this.gauge = gauge;
    }

    /** Registers a download about to start; false once closed (then do not start it). */
    synchronized boolean add(Abortable download) {
        if (closed) {
            return false;
        }
        active.add(download);
        gauge.incrementAndGet();
        return true;
    }

    /** Called once a download is over and its temp file gone. */
    synchronized void remove(Abortable download) {
        if (active.remove(download)) {
            gauge.decrementAndGet();
        }
        notifyAll();
    }

    /** Refuses new downloads and aborts the running ones. */
    void closeAndAbortAll(String reason) {
        List<Abortable> running;
        synchronized (this) {
            closed = true;
            running = new ArrayList<>(active);
        }
        for (Abortable download : running) {
            download.abort(reason);
        }
    }

    /** Waits until every download has finished cleaning up; true if none is left. */
    synchronized boolean awaitEmpty(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!active.isEmpty()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    synchronized int size() {
        return active.size();
    }

    synchronized List<String> describe() {
        List<String> out = new ArrayList<>(active.size());
        for (Abortable download : active) {
            out.add(download.describe());
        }
        return out;
    }
}
