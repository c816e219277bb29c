package org.wubloader.restreamer.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wubloader.common.segment.Hole;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.segment.Span;

class LiveEdgeTest {
    private static final long NOW = 1_573_613_151_000_000L;

    static Segment at(long micros) {
        return SegmentPath.parse("/b/"
                + SegmentPath.relativePath(
                        "c", "q", micros, 2.0, SegmentType.FULL, "47DEQpj8HBSa_-TImW_5JCeuQeRkm5NMpJWZG3hSuFU"));
    }

    @Test
    void holeBeforeARecentSegmentCutsThePlaylistThere() {
        Segment a = at(NOW - 30_000_000);
        Segment b = at(NOW - 10_000_000);
        List<Span> cut = LiveEdge.apply(List.of(a, Hole.INSTANCE, b, Hole.INSTANCE), NOW);
        assertThat(cut).containsExactly(a, Hole.INSTANCE);
    }

    @Test
    void holeBeforeAnOlderSegmentStays() {
        Segment a = at(NOW - 60_000_000);
        Segment b = at(NOW - 20_000_000);
        List<Span> spans = List.of(a, Hole.INSTANCE, b);
        assertThat(LiveEdge.apply(spans, NOW)).isEqualTo(spans);
    }

    @Test
    void leadingHoleBeforeARecentSegmentLeavesNothing() {
        assertThat(LiveEdge.apply(List.of(Hole.INSTANCE, at(NOW - 5_000_000)), NOW))
                .containsExactly(Hole.INSTANCE);
    }

    @Test
    void contiguousSegmentsAreUntouched() {
        List<Span> spans = List.of(at(NOW - 4_000_000), at(NOW - 2_000_000), Hole.INSTANCE);
        assertThat(LiveEdge.apply(spans, NOW)).isEqualTo(spans);
    }
}
