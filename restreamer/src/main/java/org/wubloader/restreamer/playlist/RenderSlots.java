package org.wubloader.restreamer.playlist;

import java.util.ArrayDeque;

/**
 * Admission of playlist renderings ({@link PlaylistLimits}): at most {@code running} at once, at
 * most {@code queued} more waiting for one to end, and any beyond refused (a 503). A rendering
 * holds its slot from its start until its last chunk has left or its clients have gone, so what
 * all renderings hold together is bounded by the slots times what one holds.
 */
final class RenderSlots {
    private final int maxRunning;
    private final int maxWaiting;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    RenderSlots(PlaylistLimits limits) {
        this.maxRunning = limits.renderings();
        this.maxWaiting = limits.queued();
    }

    /** Runs {@code start} now or once a slot is free; false (nothing runs) if the queue is full too. */
    boolean offer(Runnable start) {
        synchronized (this) {
            if (running >= maxRunning) {
                if (waiting.size() >= maxWaiting) {
                    return false;
                }
                waiting.add(start);
                return true;
            }
            running++;
        }
        start.run();
        return true;
    }

    /** A rendering ended (whichever way): the next waiting one starts. Exactly once per start. */
    void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        next.run();
    }

    synchronized int running() {
        return running;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
