package org.wubloader.backfiller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.backfiller.testing.Harness;
import org.wubloader.backfiller.testing.TestConfig;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.time.HourNames;
import org.wubloader.common.time.Micros;

/** --delete-old: old segments go, tombstones (and their hours) stay, recent hours are untouched. */
class DeleteOldTest {
    @TempDir
    Path tmp;

    @Test
    void deletesOldSegmentsAndEmptyHoursButKeepsTombstones() throws Exception {
        SegmentTree local = new SegmentTree(tmp);
        long now = Micros.now();
        long old = now - 10 * HourNames.MICROS_PER_HOUR;
        long older = now - 30 * HourNames.MICROS_PER_HOUR;
        long recent = now - HourNames.MICROS_PER_HOUR;
        local.run("desertbus", "source", HourNames.floorHour(old), 5, 2.0, 10);
        Path tombstoned = local.full("desertbus", "source", HourNames.floorHour(older) + 10_000_000, 2.0);
        Path tombstone = local.tombstone(tombstoned);
        local.run("desertbus", "source", HourNames.floorHour(older), 3, 2.0, 10);
        Path chat = Files.writeString(tombstone.resolveSibling("chat-batch.json"), "[]");
        local.run("desertbus", "source", HourNames.floorHour(recent), 4, 2.0, 10);
        local.run("desertbus", "480p", HourNames.floorHour(old), 2, 2.0, 10);
        local.run("notconfigured", "source", HourNames.floorHour(old), 2, 2.0, 10);

        Harness.Run run = Harness.runOnce(TestConfig.builder(tmp)
                .qualities("source")
                .start("3")
                .deleteOld()
                .build());

        assertThat(run.ok()).as("no peers, nothing failed").isTrue();
        Path source = tmp.resolve("desertbus/source");
        assertThat(source.resolve(HourNames.format(old))).doesNotExist();
        assertThat(source.resolve(HourNames.format(older))).isDirectory();
        assertThat(tombstone).exists();
        assertThat(chat).exists();
        assertThat(tombstoned).doesNotExist();
        assertThat(Harness.allFiles(source.resolve(HourNames.format(older))).keySet())
                .containsExactlyInAnyOrder(tombstone.getFileName().toString(), "chat-batch.json");
        assertThat(Harness.allFiles(source.resolve(HourNames.format(recent)))).hasSize(4);
        assertThat(Harness.allFiles(tmp.resolve("desertbus/480p"))).hasSize(2);
        assertThat(Harness.allFiles(tmp.resolve("notconfigured"))).hasSize(2);
        assertThat(run.metric(
                        "segments_deleted_total", "channel=\"desertbus\"", "hour=\"" + HourNames.format(old) + "\""))
                .isEqualTo(5);
        assertThat(run.metric("segments_deleted_total", "hour=\"" + HourNames.format(older) + "\""))
                .isEqualTo(4);
    }
}
