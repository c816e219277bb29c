package org.wubloader.common.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HashWarmUpTest {
    @Test
    void theWarmUpRunsOnADaemonThreadAndEnds() throws Exception {
        Thread thread = HashWarmUp.start();
        assertThat(thread.isDaemon()).as("a warm-up keeps no process alive").isTrue();
        thread.join(TimeUnit.NANOSECONDS.toMillis(HashWarmUp.MAX_NANOS) + 10_000);
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void theWarmUpHashesAtMostItsBound() {
        long hashed = HashWarmUp.run();
        assertThat(hashed).isPositive().isLessThanOrEqualTo(HashWarmUp.MAX_BYTES);
    }
}
