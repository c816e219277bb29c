package org.wubloader.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wubloader.coverage.CoverageMap.BLUE;
import static org.wubloader.coverage.CoverageMap.ORANGE;
import static org.wubloader.coverage.CoverageMap.WHITE;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.time.HourNames;

/** §7 "Coverage map PNG", pixel by pixel, on small hand-made trees. */
class CoverageMapTest {
    private static final long H0 = SegmentTree.at("2019-11-13T02:00:00");
    private static final long H = HourNames.MICROS_PER_HOUR;
    private static final long S = 1_000_000L;

    @TempDir
    Path base;

    private SegmentTree tree() {
        return new SegmentTree(base);
    }

    private BufferedImage map() throws Exception {
        Path png = base.resolve("coverage-maps/desertbus_source_coverage.png");
        assertThat(png).exists();
        return ImageIO.read(png.toFile());
    }

    /** The colour of the pixel covering {@code [t, t + 2 s)}, t in seconds from the map start. */
    private static int at(BufferedImage image, double seconds) {
        int index = (int) (seconds / 2);
        return image.getRGB(index / 300, index % 300) & 0xffffff;
    }

    @Test
    void geometryColoursHolesAndPartialOnlyIntervalsAcrossTheHourEnd() throws Exception {
        SegmentTree t = tree();
        // Hour 0: 2 s segments, except [8, 10.5) then a hole to 13, a suspect at [100, 102) and a
        // suspect [3598, 3601) running into hour 1.
        t.run("desertbus", "source", H0, 4, 2.0, 100);
        t.segment("desertbus", "source", H0 + 8 * S, 2.5, SegmentType.FULL, 100);
        t.run("desertbus", "source", H0 + 13 * S, 43, 2.0, 100); // to 99
        t.segment("desertbus", "source", H0 + 99 * S, 1.0, SegmentType.FULL, 100);
        t.segment("desertbus", "source", H0 + 100 * S, 2.0, SegmentType.SUSPECT, 100);
        t.run("desertbus", "source", H0 + 102 * S, 1748, 2.0, 100); // to 3598
        t.segment("desertbus", "source", H0 + 3598 * S, 3.0, SegmentType.SUSPECT, 100);
        // Hour 1, the live hour: [1, 21) only.
        t.run("desertbus", "source", H0 + H + S, 10, 2.0, 100);

        Runs.once(Runs.config(base, List.of("desertbus")));
        BufferedImage image = map();

        assertThat(image.getWidth()).isEqualTo(12);
        assertThat(image.getHeight()).isEqualTo(300);
        assertThat(at(image, 0)).isEqualTo(BLUE);
        assertThat(at(image, 8)).isEqualTo(BLUE);
        assertThat(at(image, 10)).isEqualTo(WHITE); // the hole (10.5, 13) touches [10, 12) and [12, 14)
        assertThat(at(image, 12)).isEqualTo(WHITE);
        assertThat(at(image, 14)).isEqualTo(BLUE);
        assertThat(at(image, 98)).isEqualTo(BLUE);
        assertThat(at(image, 100)).isEqualTo(ORANGE);
        assertThat(at(image, 102)).isEqualTo(BLUE);
        // Columns run left to right: pixel (1, 0) is [600, 602).
        assertThat(image.getRGB(1, 0) & 0xffffff).isEqualTo(BLUE);
        assertThat(at(image, 3596)).isEqualTo(BLUE);
        assertThat(at(image, 3598)).isEqualTo(ORANGE);
        assertThat(at(image, 3600)).isEqualTo(ORANGE); // the suspect's last second, in hour 1 (weakness 21)
        assertThat(at(image, 3602)).isEqualTo(BLUE);
        assertThat(at(image, 3618)).isEqualTo(BLUE);
        assertThat(at(image, 3620)).isEqualTo(WHITE); // after the live hour's last segment (map-only hole)
        assertThat(at(image, 7198)).isEqualTo(WHITE);
    }

    @Test
    void hoursWithoutSegmentsAreWhiteAndTheRangeFollowsFirstAndLastHour() throws Exception {
        SegmentTree t = tree();
        t.hours("desertbus", "source", H0, 1, 10);
        t.hours("desertbus", "source", H0 + 2 * H, 1, 10);
        Files.createDirectories(base.resolve("desertbus/source").resolve(HourNames.format(H0 + 3 * H)));

        Runs.once(Runs.withRange(Runs.config(base, List.of("desertbus")), H0 - H + 1234, H0 + 3 * H + 5 * S));
        BufferedImage image = map();

        assertThat(image.getWidth()).isEqualTo(5 * 6);
        for (int x = 0; x < image.getWidth(); x++) {
            int hour = x / 6; // 0: before, 1: H0, 2: empty, 3: H0+2h, 4: empty directory
            int expected = hour == 1 || hour == 3 ? BLUE : WHITE;
            for (int y = 0; y < 300; y++) {
                assertThat(image.getRGB(x, y) & 0xffffff)
                        .as("pixel %d,%d", x, y)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void aFirstHourAfterTheLastHourWritesNoMap() throws Exception {
        tree().hours("desertbus", "source", H0, 1, 10);
        Runs.once(Runs.withRange(Runs.config(base, List.of("desertbus")), H0 + H, H0));
        assertThat(base.resolve("coverage-maps/desertbus_source_coverage.png")).doesNotExist();
        assertThat(base.resolve("coverage-maps/desertbus_source_coverage.json")).exists();
    }

    @Test
    void holesAreWidenedToWholePixelsAndAZeroLengthHoleOnABoundaryPaintsNothing() {
        HourFigures covered = HourAnalysis.analyse(H0, List.of(), n -> 0);
        covered = new HourFigures(
                covered.segmentCount(),
                covered.segmentDurationMicros(),
                List.of(),
                H,
                H,
                PerType.ZERO,
                PerType.ZERO,
                List.of(),
                List.of(),
                List.of(),
                true,
                H0,
                H0 + H,
                H0 + H);
        List<Interval> holes = List.of(
                new Interval(H0 + 4 * S, H0 + 4 * S), // on a boundary: nothing
                new Interval(H0 + 7 * S, H0 + 7 * S), // inside [6, 8): that pixel
                new Interval(H0 + 11 * S, H0 + 12 * S + 1)); // [10, 12) and [12, 14)
        HourReport report = new HourReport(HourNames.format(H0), H0, covered, holes, List.of(), holes);
        BufferedImage image = CoverageMap.render(
                List.of(report),
                CoverageMap.range(List.of(report), Optional.empty(), Optional.empty())
                        .orElseThrow());
        assertThat(at(image, 2)).isEqualTo(BLUE);
        assertThat(at(image, 4)).isEqualTo(BLUE);
        assertThat(at(image, 6)).isEqualTo(WHITE);
        assertThat(at(image, 8)).isEqualTo(BLUE);
        assertThat(at(image, 10)).isEqualTo(WHITE);
        assertThat(at(image, 12)).isEqualTo(WHITE);
        assertThat(at(image, 14)).isEqualTo(BLUE);
    }
}
