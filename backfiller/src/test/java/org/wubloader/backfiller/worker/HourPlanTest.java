package org.wubloader.backfiller.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.wubloader.backfiller.worker.HourPlan.Skip;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.testing.SegmentTree;

class HourPlanTest {
    private static final String HOUR = "2019-11-13T02";
    private static final long T = SegmentTree.at("2019-11-13T02:10:00");
    private static final long LONG_AGO = SegmentTree.at("2019-11-14T00:00:00");
    private static final long CUTOFF = 120_000_000L;
    private static final String HASH = "7IS92rssMzoSBQDIevHStbTNy-URRV3Vw-jzZ6pwOZM";
    private static final String OTHER_HASH = "47DEQpj8HBSa_-TImW_5JCeuQeRkm5NMpJWZG3hSuFU";

    private static String name(long start, SegmentType type, String hash) {
        return SegmentPath.fileName(start, 2.0, type, hash);
    }

    private static HourPlan plan(List<String> remote, List<String> local, long now) {
        return HourPlan.plan("desertbus", "source", HOUR, remote, local, now, CUTOFF, new Random(1));
    }

    @Test
    void missingIsPeerMinusLocal() {
        String a = name(T, SegmentType.FULL, HASH);
        String b = name(T + 2_000_000, SegmentType.FULL, HASH);
        HourPlan plan = plan(List.of(a, b), List.of(a), LONG_AGO);
        assertThat(plan.downloads()).extracting(Segment::fileName).containsExactly(b);
        assertThat(plan.downloads().get(0).channel()).isEqualTo("desertbus");
        assertThat(plan.downloads().get(0).startMicros()).isEqualTo(T + 2_000_000);
        assertThat(plan.missingCount()).isEqualTo(1);
    }

    @Test
    void tombstonesAreCreatedNotDownloaded() {
        String seg = name(T, SegmentType.FULL, HASH);
        String tomb = SegmentPath.tombstoneName(seg);
        HourPlan plan = plan(List.of(tomb), List.of(), LONG_AGO);
        assertThat(plan.tombstones()).containsExactly(tomb);
        assertThat(plan.downloads()).isEmpty();
    }

    @Test
    void aSegmentTombstonedHereIsNotFetchedAgain() {
        String seg = name(T, SegmentType.FULL, HASH);
        HourPlan plan = plan(List.of(seg), List.of(SegmentPath.tombstoneName(seg)), LONG_AGO);
        assertThat(plan.downloads()).isEmpty();
        assertThat(plan.skipped().get(Skip.TOMBSTONED_HERE)).containsExactly(seg);
    }

    @Test
    void tempUnparseableAndNonSegmentNamesAreSkipped() {
        String temp = SegmentPath.fileName(T, 2.0, SegmentType.TEMP, "0f0e1c5e-1111-2222-3333-444455556666");
        HourPlan plan = plan(List.of(temp, "garbage.ts", "chat.json", "00:00.0-x.tombstone"), List.of(), LONG_AGO);
        assertThat(plan.downloads()).isEmpty();
        assertThat(plan.tombstones()).isEmpty();
        assertThat(plan.skipped().get(Skip.TEMP)).containsExactly(temp);
        assertThat(plan.skipped().get(Skip.UNPARSEABLE)).containsExactly("garbage.ts", "00:00.0-x.tombstone");
        assertThat(plan.skipped().get(Skip.NOT_A_SEGMENT)).containsExactly("chat.json");
    }

    @Test
    void unsafeNamesAreNeverTouched() {
        HourPlan plan = plan(
                List.of("../" + name(T, SegmentType.FULL, HASH), ".hidden.ts", "a\\b.ts", "x\0.ts", ""),
                List.of(),
                LONG_AGO);
        assertThat(plan.skipped().get(Skip.UNSAFE_NAME)).hasSize(5);
        assertThat(plan.downloads()).isEmpty();
    }

    @Test
    void recentSegmentsAreLeftToTheDownloader() {
        String young = name(T, SegmentType.FULL, HASH);
        String old = name(T - CUTOFF - 1, SegmentType.FULL, HASH);
        String exactlyAtCutoff = name(T - CUTOFF, SegmentType.FULL, OTHER_HASH);
        HourPlan plan = plan(List.of(young, old, exactlyAtCutoff), List.of(), T + 1_000_000);
        assertThat(plan.skipped().get(Skip.RECENT)).containsExactly(young);
        assertThat(plan.downloads()).extracting(Segment::fileName).containsExactlyInAnyOrder(old, exactlyAtCutoff);
    }

    @Test
    void nearIdenticalMeansSameDurationTypeHashAndStartWithinOneMillisecond() {
        String local = name(T, SegmentType.FULL, HASH);
        String plus1ms = name(T + 1_000, SegmentType.FULL, HASH);
        String minus1ms = name(T - 1_000, SegmentType.FULL, HASH);
        String plus1001us = name(T + 1_001, SegmentType.FULL, HASH);
        String otherHash = name(T + 500, SegmentType.FULL, OTHER_HASH);
        String otherType = name(T + 500, SegmentType.PARTIAL, HASH);
        String otherDuration = SegmentPath.fileName(T + 500, 2.002, SegmentType.FULL, HASH);
        HourPlan plan = plan(
                List.of(plus1ms, minus1ms, plus1001us, otherHash, otherType, otherDuration), List.of(local), LONG_AGO);
        assertThat(plan.skipped().get(Skip.NEAR_IDENTICAL)).containsExactlyInAnyOrder(plus1ms, minus1ms);
        assertThat(plan.downloads())
                .extracting(Segment::fileName)
                .containsExactlyInAnyOrder(plus1001us, otherHash, otherType, otherDuration);
    }

    @Test
    void downloadsAreShuffled() {
        List<String> remote = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            remote.add(name(T + i * 2_000_000L, SegmentType.FULL, HASH));
        }
        List<String> first =
                HourPlan.plan("c", "q", HOUR, remote, List.of(), LONG_AGO, CUTOFF, new Random(1)).downloads().stream()
                        .map(Segment::fileName)
                        .toList();
        List<String> second =
                HourPlan.plan("c", "q", HOUR, remote, List.of(), LONG_AGO, CUTOFF, new Random(2)).downloads().stream()
                        .map(Segment::fileName)
                        .toList();
        assertThat(first).containsExactlyInAnyOrderElementsOf(remote).isNotEqualTo(remote);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void duplicateRemoteNamesArePlannedOnce() {
        String a = name(T, SegmentType.FULL, HASH);
        assertThat(plan(List.of(a, a), List.of(), LONG_AGO).downloads()).hasSize(1);
    }

    @Test
    void otherSpellingsOfANameAreDownloadedUnderTheListedName() {
        String short1 = "10:00.5-2.0-full-" + HASH + ".ts";
        String longDuration = "10:10.000000-2.00-full-" + HASH + ".ts";
        HourPlan plan = plan(List.of(short1, longDuration), List.of(), LONG_AGO);
        assertThat(plan.downloads()).extracting(Segment::path).containsExactlyInAnyOrder(short1, longDuration);
        assertThat(plan.downloads())
                .extracting(Segment::startMicros)
                .containsExactlyInAnyOrder(T + 500_000, T + 10_000_000);
    }

    @Test
    void aSegmentHeldUnderAnotherSpellingIsNotFetchedAgain() {
        String ours = name(T + 500_000, SegmentType.FULL, HASH);
        String theirs = "10:00.5-2.0-full-" + HASH + ".ts";
        HourPlan plan = plan(List.of(theirs), List.of(ours), LONG_AGO);
        assertThat(plan.downloads()).isEmpty();
        assertThat(plan.skipped().get(Skip.NEAR_IDENTICAL)).containsExactly(theirs);
    }

    @Test
    void aTombstoneHidesEverySpellingOfItsSegment() {
        String ours = SegmentPath.tombstoneName(name(T + 500_000, SegmentType.FULL, HASH));
        String theirs = "10:00.5-2.00-full-" + HASH + ".ts";
        HourPlan plan = plan(List.of(theirs, SegmentPath.tombstoneName(theirs)), List.of(ours), LONG_AGO);
        assertThat(plan.downloads()).isEmpty();
        assertThat(plan.skipped().get(Skip.TOMBSTONED_HERE)).containsExactly(theirs);
        assertThat(plan.tombstones())
                .as("no second tombstone for the same segment")
                .isEmpty();
    }
}
