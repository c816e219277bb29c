package org.wubloader.backfiller.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wubloader.common.testing.SegmentTree;

class OldHoursTest {
    @Test
    void hoursBeforeTheCutoffAreOld() {
        long cutoff = SegmentTree.at("2019-11-13T02:00:00");
        assertThat(OldHours.oldHours(
                        List.of("2019-11-13T00", "2019-11-13T01", "2019-11-13T02", "junk", "2019-11-14T00"), cutoff))
                .containsExactly("2019-11-13T00", "2019-11-13T01");
    }

    @Test
    void theCutoffNeverReachesTheHourBeingWritten() {
        long now = SegmentTree.at("2019-11-13T10:01:00");
        long futureStart = SegmentTree.at("2019-11-14T00:00:00");
        // 10:01 minus 120 s is in hour 09: hours from 09 on are never old.
        assertThat(OldHours.cutoffHourMicros(futureStart, now, 120_000_000L))
                .isEqualTo(SegmentTree.at("2019-11-13T09:00:00"));
        long pastStart = SegmentTree.at("2019-11-13T05:00:00");
        assertThat(OldHours.cutoffHourMicros(pastStart, now, 120_000_000L)).isEqualTo(pastStart);
    }

    @Test
    void onlySegmentFilesAreDeletable() {
        assertThat(OldHours.isDeletable("00:00.000000-2.0-full-x.ts")).isTrue();
        assertThat(OldHours.isDeletable("00:00.000000-2.0-full-x.tombstone")).isFalse();
        assertThat(OldHours.isDeletable("chat.json")).isFalse();
        assertThat(OldHours.isDeletable(".hidden.ts")).isFalse();
    }
}
