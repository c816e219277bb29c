package org.wubloader.restreamer.playlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wubloader.restreamer.playlist.MediaPlaylistRendererTest.seg;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wubloader.common.segment.Hole;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.Span;

class LiveViewTest {
    static final Segment A = seg("2019-11-13T02:00:00", 2.0);
    static final Segment B = seg("2019-11-13T02:00:02", 2.0);
    static final Segment C = seg("2019-11-13T02:00:04", 2.0);
    static final Segment D = seg("2019-11-13T02:00:06", 2.0);
    static final Segment E = seg("2019-11-13T02:00:08", 2.0);
    static final Hole H = Hole.INSTANCE;

    @Test
    void firstViewIsTheTreeAsItIs() {
        List<Span> now = List.of(A, H, C);
        assertThat(LiveView.merge(List.of(), now).spans()).isEqualTo(now);
    }

    @Test
    void lateSegmentInAShownHoleIsLeftOutAndNewOnesAreAppended() {
        LiveView view = LiveView.merge(List.of(A, H, C, H), List.of(A, B, C, D, H));
        assertThat(view.spans()).containsExactly(A, H, C, D, H);
        assertThat(view.gaps()).isEmpty();
    }

    @Test
    void shownSegmentGoneNowKeepsItsPlaceAsAGap() {
        LiveView view = LiveView.merge(List.of(A, B, C), List.of(A, H, C, D));
        assertThat(view.spans()).containsExactly(A, B, C, D);
        assertThat(view.gaps()).containsExactly(B);
    }

    @Test
    void holeAfterTheLastShownSegmentIsKept() {
        assertThat(LiveView.merge(List.of(A, B), List.of(A, B, H, E)).spans()).containsExactly(A, B, H, E);
        assertThat(LiveView.merge(List.of(A, B), List.of(A, B, H)).spans()).containsExactly(A, B, H);
        assertThat(LiveView.merge(List.of(A, B, H), List.of(A, B)).spans()).containsExactly(A, B, H);
    }

    @Test
    void lastShownSegmentGoneStillAppendsWhatFollows() {
        LiveView view = LiveView.merge(List.of(A, B, H), List.of(A, H, D));
        assertThat(view.spans()).containsExactly(A, B, H, D);
        assertThat(view.gaps()).containsExactly(B);
    }

    @Test
    void betterCopyWithTheSameStartReplacesTheShownOne() {
        Segment betterB = seg("2019-11-13T02:00:02", 2.5);
        assertThat(LiveView.merge(List.of(A, B, H), List.of(A, betterB, C)).spans())
                .containsExactly(A, betterB, C);
    }
}
