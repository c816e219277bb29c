package org.wubloader.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wubloader.common.segment.Hole;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.segment.Span;

/** The selection rules of docs/best-segments.md §3.4, without any I/O. */
class BestSegmentsTest {
    static final long S = 1_000_000L;
    static final long T0 = 1_573_610_400L * S; // 2019-11-13T02:00:00Z
    private final Map<Segment, Long> sizes = new HashMap<>();
    private int counter;

    Segment seg(double startSeconds, double duration, SegmentType type, long size, String hash) {
        long start = T0 + Math.round(startSeconds * S);
        Segment s = new Segment("c/q/h/seg" + (counter++), "c", "q", start, duration, type, hash);
        sizes.put(s, size);
        return s;
    }

    Segment full(double start, double duration) {
        return seg(start, duration, SegmentType.FULL, 100, "AAAA" + (counter + 1000));
    }

    HourIndex index(Segment... segments) {
        return HourIndex.build(List.of(segments), s -> sizes.getOrDefault(s, -1L));
    }

    List<Span> select(List<HourIndex> hours, double start, double end) throws Exception {
        return BestSegments.select(hours, T0 + Math.round(start * S), T0 + Math.round(end * S), true);
    }

    @Test
    void contiguousRunCoversTheRangeWithoutHoles() throws Exception {
        Segment a = full(0, 2), b = full(2, 2), c = full(4, 2);
        assertThat(select(List.of(index(a, b, c)), 1, 5)).containsExactly(a, b, c);
    }

    @Test
    void aGapBetweenSegmentsIsAHole() throws Exception {
        Segment a = full(0, 2), c = full(4, 2);
        assertThat(select(List.of(index(a, c)), 0, 6)).containsExactly(a, Hole.INSTANCE, c);
    }

    @Test
    void gapsAndOverlapsWithinTenMillisecondsAreSeamless() throws Exception {
        Segment a = full(0, 2), b = full(2.010, 2), c = full(4.0, 2);
        assertThat(select(List.of(index(a, b, c)), 0, 6)).containsExactly(a, b, c);
        Segment d = full(10, 2), e = full(12.011, 2);
        assertThat(select(List.of(index(d, e)), 10, 14)).containsExactly(d, Hole.INSTANCE, e);
    }

    @Test
    void anOverlappingCandidateBeyondTenMillisecondsIsSkipped() throws Exception {
        Segment a = full(0, 2), overlapping = full(1.5, 2), b = full(2, 2);
        assertThat(select(List.of(index(a, overlapping, b)), 0, 4)).containsExactly(a, b);
    }

    @Test
    void aRangeStartingBeforeTheFirstSegmentBeginsWithAHole() throws Exception {
        Segment a = full(10, 2);
        assertThat(select(List.of(index(a)), 5, 12)).containsExactly(Hole.INSTANCE, a);
    }

    @Test
    void segmentsEndingBeforeTheStartAreSkipped() throws Exception {
        Segment a = full(0, 2), b = full(2, 2), c = full(4, 2);
        assertThat(select(List.of(index(a, b, c)), 4.5, 6)).containsExactly(c);
    }

    @Test
    void aResultEndingBeforeTheRangeEndHasATrailingHole() throws Exception {
        Segment a = full(0, 2);
        assertThat(select(List.of(index(a)), 0, 3)).containsExactly(a, Hole.INSTANCE);
    }

    @Test
    void anEmptyResultIsOneHole() throws Exception {
        assertThat(select(List.of(HourIndex.EMPTY), 0, 3)).containsExactly(Hole.INSTANCE);
        assertThat(select(List.of(index(full(100, 2))), 0, 3)).containsExactly(Hole.INSTANCE);
    }

    @Test
    void aPartialOrSuspectSegmentIsFollowedByAHole() throws Exception {
        Segment p = seg(0, 2, SegmentType.PARTIAL, 50, "AAAA"), b = full(2, 2);
        assertThat(select(List.of(index(p, b)), 0, 4)).containsExactly(p, Hole.INSTANCE, b);
        Segment s = seg(10, 2, SegmentType.SUSPECT, 50, "AAAA");
        assertThat(select(List.of(index(s)), 10, 12)).containsExactly(s, Hole.INSTANCE);
    }

    @Test
    void fullBeatsSuspectBeatsPartialAtTheSameStart() throws Exception {
        Segment partial = seg(0, 2, SegmentType.PARTIAL, 9_999, "AAAA");
        Segment suspect = seg(0, 2, SegmentType.SUSPECT, 5_000, "AAAA");
        Segment fullOne = seg(0, 2, SegmentType.FULL, 10, "AAAA");
        assertThat(index(partial, suspect, fullOne).chosen()).containsExactly(fullOne);
        assertThat(index(partial, suspect).chosen()).containsExactly(suspect);
        Segment smallPartial = seg(0, 2, SegmentType.PARTIAL, 10, "AAAA");
        assertThat(index(smallPartial, partial).chosen()).containsExactly(partial);
    }

    @Test
    void betweenFullCopiesTheLongestThenLargestThenHighestHashWins() {
        Segment shortBig = seg(0, 2.0, SegmentType.FULL, 1_000, "zzzz");
        Segment longSmall = seg(0, 2.002, SegmentType.FULL, 10, "AAAA");
        assertThat(index(shortBig, longSmall).chosen()).containsExactly(longSmall);

        Segment small = seg(0, 2.0, SegmentType.FULL, 10, "zzzz");
        Segment big = seg(0, 2.0, SegmentType.FULL, 11, "AAAA");
        assertThat(index(small, big).chosen()).containsExactly(big);

        // '-' sorts before 'A' in ASCII but after it in base64: compare as decoded bytes.
        Segment low = seg(0, 2.0, SegmentType.FULL, 10, "AAAA");
        Segment high = seg(0, 2.0, SegmentType.FULL, 10, "-AAA");
        assertThat(index(low, high).chosen()).containsExactly(high);
        assertThat(index(high, low).chosen()).containsExactly(high);
    }

    @Test
    void tempSegmentsAreIgnored() throws Exception {
        Segment temp = seg(0, 2, SegmentType.TEMP, 100, "0b7c3a1e-5f0e-4a4e-9d55-7a0c1b2f3d4e");
        assertThat(index(temp).chosen()).isEmpty();
        Segment p = seg(0, 2, SegmentType.PARTIAL, 1, "AAAA");
        assertThat(index(temp, p).chosen()).containsExactly(p);
    }

    @Test
    void aSegmentStartingBeforeTheHourCoversTheStartOfTheNext() throws Exception {
        Segment late = full(3599, 2);
        Segment next = full(3601, 2);
        assertThat(select(List.of(index(late), index(next)), 3600, 3603)).containsExactly(late, next);
    }

    @Test
    void noHolesModeFailsAtTheFirstHole() {
        Segment a = full(0, 2), c = full(4, 2);
        List<HourIndex> hours = List.of(index(a, c));
        assertThatThrownBy(() -> BestSegments.select(hours, T0, T0 + 6 * S, false))
                .isInstanceOf(BestSegments.ContainsHolesException.class);
        assertThatThrownBy(() -> BestSegments.select(List.of(index(a)), T0, T0 + 3 * S, false))
                .isInstanceOf(BestSegments.ContainsHolesException.class);
    }

    @Test
    void noHolesModeReturnsACompleteRange() throws Exception {
        Segment a = full(0, 2), b = full(2, 2);
        assertThat(BestSegments.select(List.of(index(a, b)), T0, T0 + 4 * S, false))
                .containsExactly(a, b);
    }

    @Test
    void selectionStopsOnceTheEndIsReached() throws Exception {
        List<Segment> run = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            run.add(full(2 * i, 2));
        }
        List<Span> result = select(List.of(index(run.toArray(Segment[]::new))), 0, 10);
        assertThat(result).containsExactlyElementsOf(run.subList(0, 5));
    }
}
