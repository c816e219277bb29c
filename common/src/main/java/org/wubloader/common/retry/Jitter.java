package org.wubloader.common.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Randomises every periodic wait so that nodes (and workers within a node) do not fall into
 * step and hit the same peer or origin at the same instant (docs/conventions.md §3.5).
 */
public final class Jitter {
    private Jitter() {}

    /** A uniformly random value in [0.9x, 1.1x]. */
    public static double jitter(double x) {
        return x * ThreadLocalRandom.current().nextDouble(0.9, 1.1);
    }

    public static Duration jitter(Duration d) {
        return Duration.ofNanos(Math.round(jitter((double) d.toNanos())));
    }
}
