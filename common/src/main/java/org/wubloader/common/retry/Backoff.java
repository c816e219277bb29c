package org.wubloader.common.retry;

import java.time.Duration;

/**
 * Capped exponential failure backoff (docs/conventions.md §3.5): after the n-th consecutive failure wait
 * {@code base * 2^min(n, 4)}, jittered; success resets. With the backfiller's 5 s base that is
 * 10, 20, 40, 80, 80… seconds: long enough not to hammer a broken peer or database, short
 * enough that a recovered one is used again within a couple of minutes.
 *
 * <p>Not thread-safe: one instance per loop.
 */
public final class Backoff {
    public static final int MAX_EXPONENT = 4;

    private final Duration base;
    private int failures;

    public Backoff(Duration base) {
        if (base.isNegative()) {
            throw new IllegalArgumentException("negative backoff base " + base);
        }
        this.base = base;
    }

    /** Records a failure and returns how long to wait before trying again. */
    public Duration failure() {
        failures++;
        return Jitter.jitter(nominal(failures));
    }

    /** Records a success: the next failure starts from the bottom again. */
    public void success() {
        failures = 0;
    }

    public int failures() {
        return failures;
    }

    /** The un-jittered wait after {@code failures} consecutive failures. */
    public Duration nominal(int failures) {
        int exponent = Math.min(Math.max(failures, 0), MAX_EXPONENT);
        return base.multipliedBy(1L << exponent);
    }
}
