package org.wubloader.downloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.wubloader.downloader.Timings.SoftHard;

class TimingsTest {
    @Test
    void defaultsAreTheOriginalsValues() {
        Timings t = Timings.defaults();
        assertThat(t.master().fetch()).isEqualTo(SoftHard.of(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        assertThat(t.master().minIntervalImportant()).isEqualTo(Duration.ofSeconds(5));
        assertThat(t.master().minIntervalNormal()).isEqualTo(Duration.ofSeconds(20));
        assertThat(t.playlist().fetch()).isEqualTo(SoftHard.of(Duration.ofSeconds(5), Duration.ofSeconds(90)));
        assertThat(t.playlist().pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.playlist().errorWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(t.segment().map()).isEqualTo(SoftHard.of(Duration.ofSeconds(5), Duration.ofSeconds(60)));
        assertThat(t.segment().headers()).isEqualTo(SoftHard.of(Duration.ofSeconds(5), Duration.ofSeconds(60)));
        assertThat(t.segment().whole()).isEqualTo(SoftHard.of(Duration.ofSeconds(15), Duration.ofSeconds(240)));
        assertThat(t.segment().suspectAfter()).isEqualTo(Duration.ofSeconds(59));
        assertThat(t.getter().giveUp()).isEqualTo(Duration.ofMinutes(20));
        assertThat(t.getter().retryWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.getter().errorWait()).isEqualTo(Duration.ofMillis(500));
        assertThat(t.replacementBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.shutdownGrace()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void scalingShrinksEveryValueButTheShutdownGrace() {
        Timings t = Timings.defaults().scaled(0.1);
        assertThat(t.master().fetch()).isEqualTo(SoftHard.of(Duration.ofMillis(500), Duration.ofSeconds(3)));
        assertThat(t.segment().whole().hard()).isEqualTo(Duration.ofSeconds(24));
        assertThat(t.getter().errorWait()).isEqualTo(Duration.ofMillis(50));
        assertThat(t.replacementBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(t.shutdownGrace()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void scalingNeverGoesBelowOneMillisecond() {
        Timings t = Timings.defaults().scaled(1e-9);
        assertThat(t.getter().errorWait()).isEqualTo(Duration.ofMillis(1));
        assertThat(t.segment().whole().soft()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void aScaleThatIsNotAPositiveNumberIsRefused() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> Timings.defaults().scaled(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("timing scale must be a positive number");
        }
    }

    @Test
    void withChangesOneGroupOnly() {
        Timings base = Timings.defaults();
        Timings changed = base.withSegment(new Timings.Segment(
                base.segment().map(),
                base.segment().headers(),
                SoftHard.of(Duration.ofSeconds(1), Duration.ofSeconds(2)),
                base.segment().suspectAfter()));
        assertThat(changed.segment().whole()).isEqualTo(SoftHard.of(Duration.ofSeconds(1), Duration.ofSeconds(2)));
        assertThat(changed.withSegment(base.segment())).isEqualTo(base);
        assertThat(base.withShutdownGrace(Duration.ofSeconds(3)).shutdownGrace())
                .isEqualTo(Duration.ofSeconds(3));
    }
}
