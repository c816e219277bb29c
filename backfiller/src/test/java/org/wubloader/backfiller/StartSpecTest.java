package org.wubloader.backfiller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.time.HourNames;

class StartSpecTest {
    private static final long NOW = SegmentTree.at("2019-11-13T10:30:00");

    @Test
    void aNumberIsHoursAgoAndSlidesWithTime() {
        StartSpec spec = StartSpec.parse("3");
        assertThat(spec).isEqualTo(new StartSpec.HoursAgo(3));
        assertThat(spec.startMicros(NOW)).isEqualTo(SegmentTree.at("2019-11-13T07:30:00"));
        assertThat(spec.startHourMicros(NOW)).isEqualTo(SegmentTree.at("2019-11-13T07:00:00"));
        long later = NOW + HourNames.MICROS_PER_HOUR;
        assertThat(spec.startHourMicros(later)).isEqualTo(SegmentTree.at("2019-11-13T08:00:00"));
    }

    @Test
    void fractionalAndZeroHoursAreAccepted() {
        assertThat(StartSpec.parse("0.5").startMicros(NOW)).isEqualTo(SegmentTree.at("2019-11-13T10:00:00"));
        assertThat(StartSpec.parse(" 0 ").startMicros(NOW)).isEqualTo(NOW);
        assertThat(StartSpec.parse(".25")).isEqualTo(new StartSpec.HoursAgo(0.25));
    }

    @Test
    void aTimestampIsFixedAndHonoursItsZone() {
        StartSpec spec = StartSpec.parse("2019-11-13T02:45:00+01:00");
        assertThat(spec.startMicros(NOW)).isEqualTo(SegmentTree.at("2019-11-13T01:45:00"));
        assertThat(spec.startMicros(NOW + HourNames.MICROS_PER_DAY)).isEqualTo(SegmentTree.at("2019-11-13T01:45:00"));
        assertThat(StartSpec.parse("2019-11-13 02:45").startHourMicros(NOW))
                .isEqualTo(SegmentTree.at("2019-11-13T02:00:00"));
        assertThat(StartSpec.parse("2019-11-13").startMicros(NOW)).isEqualTo(SegmentTree.at("2019-11-13T00:00:00"));
    }

    @Test
    void garbageIsAClearError() {
        assertThatThrownBy(() -> StartSpec.parse("yesterday")).hasMessageContaining("--start 'yesterday'");
        assertThatThrownBy(() -> StartSpec.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> StartSpec.parse("-3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StartSpec.parse("2019-13-45")).isInstanceOf(IllegalArgumentException.class);
    }
}
