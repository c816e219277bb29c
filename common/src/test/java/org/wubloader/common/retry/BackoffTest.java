package org.wubloader.common.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesFromTenSecondsAndCapsAtEighty() {
        Backoff backoff = new Backoff(Duration.ofSeconds(5));
        long[] expected = {10, 20, 40, 80, 80, 80};
        for (long seconds : expected) {
            Duration wait = backoff.failure();
            assertThat(wait.toMillis()).isBetween(seconds * 900, seconds * 1100);
        }
    }

    @Test
    void successStartsOverFromTheBottom() {
        Backoff backoff = new Backoff(Duration.ofSeconds(5));
        backoff.failure();
        backoff.failure();
        backoff.success();
        assertThat(backoff.failures()).isZero();
        assertThat(backoff.failure().toMillis()).isBetween(9_000L, 11_000L);
    }

    @Test
    void jitterStaysWithinTenPercentAndVaries() {
        java.util.Set<Double> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            double j = Jitter.jitter(100.0);
            assertThat(j).isBetween(90.0, 110.0);
            seen.add(j);
        }
        assertThat(seen.size()).isGreaterThan(900);
    }
}
