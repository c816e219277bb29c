package org.wubloader.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wubloader.coverage.Names.HOUR;
import static org.wubloader.coverage.Names.s;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wubloader.common.segment.SegmentType;

/** §7 "Per-hour analysis", one rule (or fixed weakness) per case. */
class HourAnalysisTest {
    private final Names n = new Names();

    private HourFigures analyse(List<String> names) {
        List<String> shuffled = new ArrayList<>(names);
        Collections.reverse(shuffled); // the listing's order must not matter
        return HourAnalysis.analyse(HOUR, shuffled, n::size);
    }

    private static Interval at(double from, double to) {
        return new Interval(HOUR + s(from), HOUR + s(to));
    }

    @Test
    void contiguousFullSegmentsAreCountedAndCoverTheirDurations() {
        HourFigures f = analyse(List.of(n.full(0, 2), n.full(2, 2), n.full(4, 2.5)));
        assertThat(f.segmentCount()).isEqualTo(new PerType(3, 0, 0));
        assertThat(f.segmentDurationMicros()).isEqualTo(new PerType(s(6.5), 0, 0));
        assertThat(f.rawCoverageMicros()).isEqualTo(s(6.5));
        assertThat(f.editableCoverageMicros()).isEqualTo(s(6.5));
        assertThat(f.rawHoles()).isEmpty();
        assertThat(f.editableHoles()).isEmpty();
        assertThat(f.overlapCount()).isEqualTo(PerType.ZERO);
        assertThat(f.firstStartMicros()).isEqualTo(HOUR);
        assertThat(f.lastEndMicros()).isEqualTo(HOUR + s(6.5));
    }

    static Stream<Arguments> gaps() {
        return Stream.of(
                Arguments.of("seamless", 0.0, 0),
                Arguments.of("gap within 10 ms is seamless", 0.01, 0),
                Arguments.of("gap just over 10 ms is a hole", 0.011, 1),
                Arguments.of("overlap within 10 ms is seamless", -0.01, 0),
                Arguments.of("half a second is a hole", 0.5, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gaps")
    void gapsBeyondTheAllowanceAreHoles(String why, double gap, int holes) {
        HourFigures f = analyse(List.of(n.full(0, 2), n.full(2 + gap, 2)));
        assertThat(f.rawHoles()).hasSize(holes);
        assertThat(f.editableHoles()).hasSize(holes);
        assertThat(f.overlapCount()).isEqualTo(PerType.ZERO);
        assertThat(f.rawCoverageMicros()).isEqualTo(s(4));
        if (holes == 1) {
            assertThat(f.rawHoles()).containsExactly(at(2, 2 + gap));
        }
    }

    @Test
    void theLongestFullOfAStartIsChosenAndEveryOtherCopyIsAnOverlapOfItsOwnType() {
        // Weaknesses 12 and 15: the last file by name (here the temp one, then a short full)
        // must not be the one measured, and suspects beside a full file count as overlaps.
        List<String> names = List.of(
                n.name(HOUR, 0, 2.0, SegmentType.FULL, 1, 900),
                n.name(HOUR, 0, 1.5, SegmentType.FULL, 2, 1500),
                n.name(HOUR, 0, 1.0, SegmentType.PARTIAL, 3, 400),
                n.name(HOUR, 0, 2.0, SegmentType.SUSPECT, 4, 1000),
                n.name(HOUR, 0, 9.0, SegmentType.TEMP, 5, 99),
                n.full(2, 2));
        HourFigures f = analyse(names);
        assertThat(f.segmentCount()).isEqualTo(new PerType(3, 1, 1));
        assertThat(f.segmentDurationMicros()).isEqualTo(new PerType(s(5.5), s(2), s(1)));
        assertThat(f.overlapCount()).isEqualTo(new PerType(1, 1, 1));
        assertThat(f.overlapMicros()).isEqualTo(new PerType(s(1.5), s(2), s(1)));
        assertThat(f.rawCoverageMicros()).isEqualTo(s(4));
        assertThat(f.editableCoverageMicros()).isEqualTo(s(4));
        assertThat(f.rawHoles()).isEmpty();
        assertThat(f.partialOnly()).isEmpty();
    }

    @Test
    void fullTiesAreBrokenAsBestSegmentSelectionBreaksThem() {
        // Equal durations: the larger file wins, whatever the name order (the original took the last by name).
        String small = n.name(HOUR, 0, 2.0, SegmentType.FULL, 1, 500);
        String large = n.name(HOUR, 0, 2.0, SegmentType.FULL, 2, 800);
        HourFigures f = analyse(List.of(small, large, n.full(2, 2)));
        assertThat(f.overlapCount().full()).isEqualTo(1);
        assertThat(f.rawCoverageMicros()).isEqualTo(s(4));
    }

    @Test
    void withoutFullFilesTheSuspectIsChosenAndIsPartialOnly() {
        List<String> names = List.of(
                n.full(0, 2),
                n.name(HOUR, 2, 2.0, SegmentType.PARTIAL, 1, 5000),
                n.name(HOUR, 2, 1.0, SegmentType.SUSPECT, 2, 10),
                n.name(HOUR, 2, 1.8, SegmentType.SUSPECT, 3, 20),
                n.full(4, 2));
        HourFigures f = analyse(names);
        // The larger suspect (1.8 s) is chosen, over a larger partial: common's rule.
        assertThat(f.partialOnly()).containsExactly(at(2, 3.8));
        assertThat(f.overlapCount()).isEqualTo(new PerType(0, 1, 1));
        assertThat(f.rawCoverageMicros()).isEqualTo(s(5.8));
        assertThat(f.rawHoles()).containsExactly(at(3.8, 4));
    }

    @Test
    void partialOnlyGroupsChooseTheLargestPartial() {
        List<String> names = List.of(
                n.name(HOUR, 0, 2.0, SegmentType.PARTIAL, 1, 10), n.name(HOUR, 0, 1.0, SegmentType.PARTIAL, 2, 20));
        HourFigures f = analyse(names);
        assertThat(f.partialOnly()).containsExactly(at(0, 1));
        assertThat(f.overlapCount()).isEqualTo(new PerType(0, 0, 1));
        assertThat(f.overlapMicros()).isEqualTo(new PerType(0, 0, s(2)));
        assertThat(f.rawCoverageMicros()).isEqualTo(s(1));
    }

    @Test
    void aStartWithOnlyTempFilesIsSkipped() {
        HourFigures f = analyse(List.of(n.full(0, 2), n.name(HOUR, 2, 2.0, SegmentType.TEMP, 1, 1), n.full(4, 2)));
        assertThat(f.segmentCount()).isEqualTo(new PerType(2, 0, 0));
        assertThat(f.rawCoverageMicros()).isEqualTo(s(4));
        assertThat(f.rawHoles()).containsExactly(at(2, 4));
    }

    @Test
    void onlyTempFilesMeansNoSegments() {
        HourFigures f = analyse(List.of(n.name(HOUR, 2, 2.0, SegmentType.TEMP, 1, 1)));
        assertThat(f.hasSegments()).isFalse();
        assertThat(f.rawCoverageMicros()).isZero();
    }

    @Test
    void aSegmentInsideThePreviousIsAnOverlapOnlyAndCoverageNeverDecreases() {
        // Weakness 13: the original added start − previous end + duration = −6 s here.
        HourFigures f = analyse(List.of(n.full(0, 10), n.name(HOUR, 2, 2.0, SegmentType.PARTIAL, 1, 1)));
        assertThat(f.rawCoverageMicros()).isEqualTo(s(10));
        assertThat(f.editableCoverageMicros()).isEqualTo(s(10));
        assertThat(f.overlapCount()).isEqualTo(new PerType(0, 0, 1));
        assertThat(f.overlapMicros()).isEqualTo(new PerType(0, 0, s(2)));
        assertThat(f.partialOnly()).containsExactly(at(2, 4));
    }

    @Test
    void gapsAfterAnOverlapAreMeasuredFromTheLatestEnd() {
        // Weakness 14: the overlapping [2, 4) became "previous", so [10, 12) looked 6 s late.
        HourFigures f = analyse(List.of(n.full(0, 10), n.full(2, 2), n.full(10, 2)));
        assertThat(f.rawHoles()).isEmpty();
        assertThat(f.editableHoles()).isEmpty();
        assertThat(f.rawCoverageMicros()).isEqualTo(s(12));
        assertThat(f.overlapCount()).isEqualTo(new PerType(1, 0, 0));
    }

    @Test
    void theEditableRunSkipsOverlapsAsTheRestreamerDoes() {
        // [5, 20) overlaps [0, 10): raw covers it in full, the served run skips it and has a hole.
        HourFigures f = analyse(List.of(n.full(0, 10), n.full(5, 15), n.full(20, 2), n.full(12, 1)));
        assertThat(f.rawCoverageMicros()).isEqualTo(s(22));
        assertThat(f.rawHoles()).isEmpty();
        assertThat(f.overlapCount()).isEqualTo(new PerType(2, 0, 0));
        assertThat(f.overlapMicros()).isEqualTo(new PerType(s(5 + 1), 0, 0));
        // Served: [0,10) hole [12,13) hole [20,22): as BestSegments.select would.
        assertThat(f.editableCoverageMicros()).isEqualTo(s(13));
        assertThat(f.editableHoles()).containsExactly(at(10, 12), at(13, 20));
        assertThat(f.editableEndMicros()).isEqualTo(HOUR + s(22));
    }

    @Test
    void overlapsCountUnderTheOverlappingSegmentsType() {
        HourFigures f = analyse(List.of(n.full(0, 4), n.name(HOUR, 3, 2.0, SegmentType.SUSPECT, 1, 1)));
        assertThat(f.overlapCount()).isEqualTo(new PerType(0, 1, 0));
        assertThat(f.overlapMicros()).isEqualTo(new PerType(0, s(1), 0));
        assertThat(f.rawCoverageMicros()).isEqualTo(s(5));
        assertThat(f.lastEndMicros()).isEqualTo(HOUR + s(5));
    }

    @Test
    void unparseableSegmentNamesAreBadAndOtherFilesAreIgnored() {
        String good = n.full(0, 2);
        String hidden = n.full(2, 2);
        List<String> names = List.of(
                good,
                hidden,
                hidden.replace(".ts", ".tombstone"),
                "garbage.ts",
                "00:02.000000-2.0-bogus-abc.ts",
                "99:00.000000-2.0-full-" + "A".repeat(43) + ".ts",
                "chat.json",
                "notes.txt");
        HourFigures f = analyse(names);
        assertThat(f.bad())
                .containsExactlyInAnyOrder(
                        "garbage.ts",
                        "00:02.000000-2.0-bogus-abc.ts",
                        "99:00.000000-2.0-full-" + "A".repeat(43) + ".ts");
        assertThat(f.segmentCount()).isEqualTo(new PerType(1, 0, 0));
        assertThat(f.rawCoverageMicros()).isEqualTo(s(2));
    }

    @Test
    void aFileThatVanishedBeforeItsSizeWasReadLosesTheTie() {
        String vanished = n.name(HOUR, 0, 2.0, SegmentType.SUSPECT, 1, 1);
        String present = n.name(HOUR, 0, 1.0, SegmentType.SUSPECT, 2, 10);
        n.sizes.remove(vanished);
        HourFigures f = analyse(List.of(vanished, present));
        assertThat(f.partialOnly()).containsExactly(at(0, 1));
    }

    @Test
    void anEmptyListingHasNoSegments() {
        assertThat(analyse(List.of())).isEqualTo(HourFigures.EMPTY);
    }
}
