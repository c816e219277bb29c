package org.wubloader.downloader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.time.HourNames;
import org.wubloader.common.time.Micros;

class StaleTempsTest {

    @Test
    void hoursCoverTheLookBackThroughNow() {
        assertThat(StaleTemps.hours(Instant.parse("2019-11-13T02:10:00Z"), Duration.ofMinutes(80)))
                .containsExactly("2019-11-13T00", "2019-11-13T01", "2019-11-13T02");
    }

    @Test
    void onlyTempNamesAreTemp() {
        assertThat(StaleTemps.isTemp(SegmentPath.tempFileName(0, 2.0))).isTrue();
        assertThat(StaleTemps.isTemp(
                        SegmentPath.fileName(0, 2.0, SegmentType.FULL, "47DEQpj8HBSa_-TImW_5JCeuQeRkm5NMpJWZG3hSuFU")))
                .isFalse();
        assertThat(StaleTemps.isTemp("notes.txt")).isFalse();
        assertThat(StaleTemps.isTemp("garbage.ts")).isFalse();
    }

    @Test
    void oldTempFilesInRecentHoursAreRemovedAndEverythingElseStays(@TempDir Path base) throws Exception {
        Instant now = Instant.now();
        long nowMicros = Micros.of(now);
        Path quality = base.resolve("db/source");
        Path hourDir = quality.resolve(HourNames.format(nowMicros));
        Files.createDirectories(hourDir);
        Path oldTemp = hourDir.resolve(SegmentPath.tempFileName(nowMicros, 2.0));
        Path freshTemp = hourDir.resolve(SegmentPath.tempFileName(nowMicros, 2.0));
        Files.write(oldTemp, new byte[] {1});
        Files.write(freshTemp, new byte[] {2});
        Files.setLastModifiedTime(oldTemp, FileTime.from(now.minus(Duration.ofMinutes(30))));
        Path full = new SegmentTree(base).full("db", "source", nowMicros, 2.0);
        Files.setLastModifiedTime(full, FileTime.from(now.minus(Duration.ofMinutes(30))));

        int removed = StaleTemps.remove(List.of(quality, base.resolve("db/missing")), now, Duration.ofMinutes(20));

        assertThat(removed).isEqualTo(1);
        assertThat(oldTemp).doesNotExist();
        assertThat(freshTemp).exists();
        assertThat(full).exists();
    }
}
