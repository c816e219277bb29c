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
    void implicitBoundsAreTheFirstHourAndTwoHoursPastTheLastHoursStart() {
        PlaylistRange r = PlaylistRange.resolve(null, null, List.of("2019-11-13T02", "2019-11-13T05"));
        assertThat(r.startMicros()).isEqualTo(SegmentTree.at("2019-11-13T02:00:00"));
        assertThat(r.endMicros()).isEqualTo(SegmentTree.at("2019-11-13T07:00:00"));
        assertThat(r.openEnded()).isTrue();
    }

    @Test
    void implicitRangeLimitCountsTheHoursTheOriginalCounts() {
        // The original: end = last hour + 2 h; refused when end - start > 12 h. So eleven stored
        // hours (00..10) are answered and twelve (00..11) are refused.
        assertThat(PlaylistRange.resolve(null, null, List.of("2019-11-13T00", "2019-11-13T10"))
                        .endMicros())
                .isEqualTo(SegmentTree.at("2019-11-13T12:00:00"));
        List<String> twelve = List.of("2019-11-13T00", "2019-11-13T11");
        assertThatThrownBy(() -> PlaylistRange.resolve(null, null, twelve))
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(400));
        long start = SegmentTree.at("2019-11-13T00:00:00");
        assertThatThrownBy(() -> PlaylistRange.resolve(start, null, twelve)).isInstanceOf(HttpError.class);
        assertThat(PlaylistRange.resolve(start, start + 24 * H, twelve).endMicros())
                .isEqualTo(start + 24 * H);
        assertThat(PlaylistRange.resolve(start + 2 * H, null, twelve).endMicros())
                .isEqualTo(start + 13 * H);
        // An implicit start with an explicit end counts from the first hour.
        assertThat(PlaylistRange.resolve(null, start + 12 * H, twelve).startMicros())
                .isEqualTo(start);
        assertThatThrownBy(() -> PlaylistRange.resolve(null, start + 12 * H + 1, twelve))
                .isInstanceOf(HttpError.class);
    }

    @Test
    void openEndedOrUnreachedRangeIsLive() {
        long start = SegmentTree.at("2019-11-13T00:00:00");
        List<String> hours = List.of("2019-11-13T00");
        assertThat(PlaylistRange.resolve(start, null, hours).live(start + 100 * H))
                .isTrue();
        PlaylistRange explicit = PlaylistRange.resolve(start, start + H, hours);
        assertThat(explicit.live(start + H - 1)).isTrue();
        assertThat(explicit.live(start + H)).isFalse();
    }

    @Test
    void noHoursWithAnImplicitBoundIsNotFound() {
        assertThatThrownBy(() -> PlaylistRange.resolve(null, 5L, List.of()))
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void endBeforeStartIsEmpty() {
        assertThat(PlaylistRange.resolve(10L, 5L, List.of()).empty()).isTrue();
    }
}
