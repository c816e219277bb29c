package org.wubloader.restreamer.playlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.restreamer.http.HttpError;

class PlaylistRangeTest {
    private static final long H = 3_600_000_000L;

    @Test
    void implicitBoundsAreTheFirstHourAndOneHourPastTheLast() {
        PlaylistRange r = PlaylistRange.resolve(null, null, List.of("2019-11-13T02", "2019-11-13T05"));
        assertThat(r.startMicros()).isEqualTo(SegmentTree.at("2019-11-13T02:00:00"));
        assertThat(r.endMicros()).isEqualTo(SegmentTree.at("2019-11-13T06:00:00"));
    }

    @Test
    void implicitRangeLongerThanTwelveHoursIsRefused() {
        List<String> hours = List.of("2019-11-13T00", "2019-11-13T12");
        assertThatThrownBy(() -> PlaylistRange.resolve(null, null, hours))
                .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status()).isEqualTo(400));
        long start = SegmentTree.at("2019-11-13T00:00:00");
        assertThatThrownBy(() -> PlaylistRange.resolve(start, null, hours)).isInstanceOf(HttpError.class);
        assertThat(PlaylistRange.resolve(start, start + 24 * H, hours).endMicros()).isEqualTo(start + 24 * H);
        assertThat(PlaylistRange.resolve(start + 2 * H, null, hours).endMicros()).isEqualTo(start + 13 * H);
    }

    @Test
    void noHoursWithAnImplicitBoundIsNotFound() {
        assertThatThrownBy(() -> PlaylistRange.resolve(null, 5L, List.of()))
                .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void endBeforeStartIsEmpty() {
        assertThat(PlaylistRange.resolve(10L, 5L, List.of()).empty()).isTrue();
    }
}
