package org.wubloader.restreamer.cut;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wubloader.common.segment.Hole;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.segment.Span;

class CutPlannerTest {
    private static final long T = 1_573_610_400_000_000L;

    static Segment seg(long offsetMicros) {
        return SegmentPath.parse("/b/"
                + SegmentPath.relativePath(
                        "c",
                        "q",
                        T + offsetMicros,
                        2.0,
                        SegmentType.FULL,
                        "47DEQpj8HBSa_-TImW_5JCeuQeRkm5NMpJWZG3hSuFU"));
    }

    @Test
    void firstAndLastSegmentsAreTrimmedAndTheRestKeptWhole() {
        List<Span> spans = List.of(seg(0), seg(2_000_000), seg(4_000_000));
        assertThat(CutPlanner.exact(spans, T + 500_000, T + 5_000_000))
                .containsExactly(
                        new Piece.Trimmed(seg(0), 500_000, -1),
                        new Piece.Whole(seg(2_000_000)),
                        new Piece.Trimmed(seg(4_000_000), 0, 1_000_000));
    }

    @Test
    void oneSegmentIsTrimmedAtBothEnds() {
        assertThat(CutPlanner.exact(List.of(seg(0)), T + 300_000, T + 1_200_000))
                .containsExactly(new Piece.Trimmed(seg(0), 300_000, 1_200_000));
    }

    @Test
    void rangeOnSegmentBoundariesNeedsNoTrim() {
        assertThat(CutPlanner.exact(List.of(seg(0), seg(2_000_000)), T, T + 4_000_000))
                .containsExactly(new Piece.Whole(seg(0)), new Piece.Whole(seg(2_000_000)));
    }

    @Test
    void holesAreSkippedAndARangeStartingInAHoleIsNotTrimmedAtTheStart() {
        List<Span> spans = List.of(Hole.INSTANCE, seg(2_000_000), Hole.INSTANCE, seg(8_000_000), Hole.INSTANCE);
        assertThat(CutPlanner.exact(spans, T, T + 20_000_000))
                .containsExactly(new Piece.Whole(seg(2_000_000)), new Piece.Whole(seg(8_000_000)));
        assertThat(CutPlanner.rough(spans))
                .containsExactly(new Piece.Whole(seg(2_000_000)), new Piece.Whole(seg(8_000_000)));
    }
}
