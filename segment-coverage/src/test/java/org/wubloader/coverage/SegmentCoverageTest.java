package org.wubloader.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.testing.Scrape;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.time.HourNames;

/** Whole passes over real trees: gauges, JSON, incremental passes, odd entries, stopping. */
class SegmentCoverageTest {
    private static final long H0 = SegmentTree.at("2019-11-13T02:00:00");
    private static final long H = HourNames.MICROS_PER_HOUR;
    private static final long S = 1_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path base;

    private Path quality() {
        return base.resolve("desertbus/source");
    }

    private JsonNode json() throws Exception {
        return JSON.readTree(
                base.resolve("coverage-maps/desertbus_source_coverage.json").toFile());
    }

    /** The one sample of gauge {@code name} for desertbus/source and {@code hour} (and {@code type}), or null. */
    static Double gauge(PrometheusMeterRegistry registry, String name, String hour, String type) {
        List<String> labels = new ArrayList<>(List.of("channel", "desertbus", "quality", "source", "hour", hour));
        if (type != null) {
            labels.addAll(List.of("type", type));
        }
        List<Scrape.Sample> found = Scrape.of(registry).matching(name, labels.toArray(String[]::new));
        if (found.size() > 1) {
            throw new AssertionError("more than one " + name + " sample for " + labels + ": " + found);
        }
        return found.isEmpty() ? null : found.get(0).value();
    }

    /** Sets every hour directory's mtime well into the past, so its listing is trusted. */
    private void settle() throws Exception {
        try (Stream<Path> hours = Files.list(quality())) {
            for (Path hour : hours.toList()) {
                Files.setLastModifiedTime(hour, FileTime.from(Instant.now().minusSeconds(60)));
            }
        }
    }

    @Test
    void gaugesAndJsonCarryEveryFigureForEveryHourAndEmptyHoursReadZero() throws Exception {
        SegmentTree t = new SegmentTree(base);
        t.run("desertbus", "source", H0, 10, 2.0, 100); // [0, 20)
        t.run("desertbus", "source", H0 + 30 * S, 5, 2.0, 100); // [30, 40)
        t.segment("desertbus", "source", H0 + 30 * S, 1.0, SegmentType.PARTIAL, 10);
        Files.createDirectories(quality().resolve(HourNames.format(H0 + H)));
        t.run("desertbus", "source", H0 + 2 * H + 10 * S, 3, 2.0, 100);
        Files.writeString(quality().resolve(HourNames.format(H0)).resolve("garbage.ts"), "x");

        PrometheusMeterRegistry registry = Runs.once(Runs.config(base, List.of("desertbus")));

        String h0 = HourNames.format(H0);
        String h1 = HourNames.format(H0 + H);
        assertThat(gauge(registry, "segment_count", h0, "full")).isEqualTo(15.0);
        assertThat(gauge(registry, "segment_count", h0, "partial")).isEqualTo(1.0);
        assertThat(gauge(registry, "segment_count", h0, "bad")).isEqualTo(1.0);
        assertThat(gauge(registry, "segment_duration", h0, "full")).isEqualTo(30.0);
        assertThat(gauge(registry, "raw_coverage", h0, null)).isEqualTo(30.0);
        assertThat(gauge(registry, "editable_coverage", h0, null)).isEqualTo(30.0);
        assertThat(gauge(registry, "raw_holes", h0, null)).isEqualTo(2.0); // (20, 30) and (40, 3600)
        assertThat(gauge(registry, "overlap_count", h0, "partial")).isEqualTo(1.0);
        assertThat(gauge(registry, "overlap_duration", h0, "partial")).isEqualTo(1.0);
        for (String name : List.of("raw_coverage", "editable_coverage", "raw_holes", "editable_holes")) {
            assertThat(gauge(registry, name, h1, null)).as(name).isEqualTo(0.0);
        }
        assertThat(gauge(registry, "segment_count", h1, "full")).isEqualTo(0.0);
        assertThat(registry.scrape())
                .contains(
                        "segment_count{channel=\"desertbus\",hour=\"" + h0 + "\",quality=\"source\",type=\"full\"} 15");

        JsonNode json = json();
        assertThat(json.path("format").asInt()).isEqualTo(1);
        assertThat(json.path("hours")).hasSize(3);
        JsonNode hour0 = json.path("hours").get(0);
        assertThat(hour0.path("hour").asText()).isEqualTo(h0);
        assertThat(hour0.path("segment_count").path("bad").asInt()).isEqualTo(1);
        assertThat(hour0.path("raw_coverage").asDouble()).isEqualTo(30.0);
        assertThat(hour0.path("raw_hole_duration").asDouble()).isEqualTo(3600 - 30.0);
        assertThat(hour0.path("raw_hole_intervals").toString())
                .isEqualTo("[[\"2019-11-13T02:00:20.000000Z\",\"2019-11-13T02:00:30.000000Z\"],"
                        + "[\"2019-11-13T02:00:40.000000Z\",\"2019-11-13T03:00:00.000000Z\"]]");
        assertThat(json.path("hours").get(1).path("has_segments").asBoolean()).isFalse();
        JsonNode hour2 = json.path("hours").get(2);
        // Cross-hour hole from the previous hour that had segments, two hours back.
        assertThat(hour2.path("raw_hole_intervals").toString())
                .isEqualTo("[[\"2019-11-13T04:00:00.000000Z\",\"2019-11-13T04:00:10.000000Z\"]]");
        assertThat(hour2.path("map_hole_intervals")).hasSize(2);
    }

    @Test
    void unchangedHoursAreNotAnalysedAgainAndVanishedHoursLoseTheirGauges() throws Exception {
        SegmentTree t = new SegmentTree(base);
        t.hours("desertbus", "source", H0, 3, 10);
        settle();
        PrometheusMeterRegistry registry =
                new PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        CoverageConfig config = Runs.looping(Runs.config(base, List.of("desertbus")), Duration.ofMillis(200));
        try (SegmentCoverage coverage = new SegmentCoverage(config, registry)) {
            coverage.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> coverage.passes() >= 3);
            assertThat(coverage.analysedHours()).isEqualTo(3);
            // Unchanged passes rewrite nothing: the files already hold these figures.
            Path jsonFile = base.resolve("coverage-maps/desertbus_source_coverage.json");
            Object written = Files.readAttributes(jsonFile, java.nio.file.attribute.BasicFileAttributes.class)
                    .fileKey();
            long unchanged = coverage.passes();
            await().atMost(Duration.ofSeconds(20)).until(() -> coverage.passes() >= unchanged + 2);
            assertThat(Files.readAttributes(jsonFile, java.nio.file.attribute.BasicFileAttributes.class)
                            .fileKey())
                    .isEqualTo(written);

            // A new segment in hour 1 re-analyses that hour only; the others keep their figures.
            t.segment("desertbus", "source", H0 + H + 3599 * S, 0.5, SegmentType.PARTIAL, 10);
            long passes = coverage.passes();
            await().atMost(Duration.ofSeconds(20)).until(() -> coverage.passes() >= passes + 2);
            assertThat(coverage.analysedHours()).isEqualTo(4);
            assertThat(gauge(registry, "overlap_count", HourNames.format(H0 + H), "partial"))
                    .isEqualTo(1.0);
            assertThat(Files.readAttributes(jsonFile, java.nio.file.attribute.BasicFileAttributes.class)
                            .fileKey())
                    .isNotEqualTo(written);

            // Hour 0 goes away (moved out in one step): its gauges go; hour 2's figures stay.
            Files.move(quality().resolve(HourNames.format(H0)), base.resolve("removed-hour"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> gauge(registry, "raw_coverage", HourNames.format(H0), null) == null);
            assertThat(gauge(registry, "raw_coverage", HourNames.format(H0 + 2 * H), null))
                    .isEqualTo(3600.0);
            assertThat(coverage.analysedHours()).isEqualTo(4);
        }
    }

    @Test
    void strayFilesAndNonHourDirectoriesAreCountedAndSkipped() throws Exception {
        SegmentTree t = new SegmentTree(base);
        t.run("desertbus", "source", H0, 3, 2.0, 100);
        Files.writeString(quality().resolve("stray.txt"), "x");
        Files.createDirectories(quality().resolve("not-an-hour"));
        Files.writeString(quality().resolve("not-an-hour/00:00.000000-2.0-full-" + "A".repeat(43) + ".ts"), "x");
        Files.writeString(quality().resolve(HourNames.format(H0 + H)), "a file named like an hour");
        Files.createDirectories(quality().resolve(".hidden"));

        PrometheusMeterRegistry registry = Runs.once(Runs.config(base, List.of("desertbus")));

        assertThat(Scrape.of(registry)
                        .sum("segment_coverage_skipped_entries", "channel", "desertbus", "quality", "source"))
                .isEqualTo(3.0);
        assertThat(gauge(registry, "raw_coverage", HourNames.format(H0), null)).isEqualTo(6.0);
        assertThat(json().path("hours")).hasSize(1);
    }

    @Test
    void aMissingQualityIsSkippedAndOthersStillRun() throws Exception {
        new SegmentTree(base).run("desertbus", "source", H0, 3, 2.0, 100);
        CoverageConfig c = Runs.config(base, List.of("desertbus", "nochannel"));
        c = new CoverageConfig(
                c.baseDir(),
                c.channels(),
                List.of("480p", "source"),
                c.firstHour(),
                c.lastHour(),
                false,
                null,
                c.checkInterval(),
                c.outputDir(),
                true,
                c.databaseTimeout());
        PrometheusMeterRegistry registry = Runs.once(c);
        assertThat(gauge(registry, "raw_coverage", HourNames.format(H0), null)).isEqualTo(6.0);
        try (Stream<Path> out = Files.list(base.resolve("coverage-maps"))) {
            assertThat(out.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("desertbus_source_coverage.json", "desertbus_source_coverage.png");
        }
    }

    @Test
    void aStopMidPassWritesNothing() throws Exception {
        new SegmentTree(base).hours("desertbus", "source", H0, 2, 10);
        PrometheusMeterRegistry registry =
                new PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        CoverageConfig config = Runs.config(base, List.of("desertbus"));
        ChannelChecker checker = new ChannelChecker(config, "desertbus", registry, new NodeList(config, registry));
        int[] hoursSeen = {0};
        // Stop is asked for while the second hour is being reached.
        boolean finished = checker.pass(() -> ++hoursSeen[0] >= 2);
        assertThat(finished).isFalse();
        assertThat(base.resolve("coverage-maps")).doesNotExist();
        assertThat(Scrape.of(registry).has("raw_coverage")).isFalse();
    }

    @Test
    void anHourVanishingMidPassIsSkipped() throws Exception {
        new SegmentTree(base).hours("desertbus", "source", H0, 3, 10);
        PrometheusMeterRegistry registry =
                new PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        CoverageConfig config = Runs.config(base, List.of("desertbus"));
        ChannelChecker checker = new ChannelChecker(config, "desertbus", registry, new NodeList(config, registry));
        Path victim = quality().resolve(HourNames.format(H0 + H));
        boolean finished = checker.pass(() -> {
            try {
                if (Files.exists(victim)) {
                    Files.move(victim, base.resolve("gone"));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return false;
        });
        assertThat(finished).isTrue();
        assertThat(json().path("hours")).hasSize(2);
        assertThat(gauge(registry, "raw_coverage", HourNames.format(H0 + 2 * H), null))
                .isEqualTo(3600.0);
    }

    @Test
    void aChangeInOneHourUpdatesTheNextHoursCrossHourHoleWithoutReanalysingIt() throws Exception {
        SegmentTree t = new SegmentTree(base);
        t.run("desertbus", "source", H0, 1790, 2.0, 10); // hour 0 to 3580 s
        t.run("desertbus", "source", H0 + H + 10 * S, 1795, 2.0, 10); // hour 1 from 10 s
        t.run("desertbus", "source", H0 + 2 * H, 1, 2.0, 10); // hour 2, the live one
        settle();
        PrometheusMeterRegistry registry =
                new PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        CoverageConfig config = Runs.config(base, List.of("desertbus"));
        ChannelChecker checker = new ChannelChecker(config, "desertbus", registry, new NodeList(config, registry));
        assertThat(checker.pass(() -> false)).isTrue();
        String h1 = HourNames.format(H0 + H);
        assertThat(gauge(registry, "raw_holes", h1, null)).isEqualTo(1.0); // (hour start, 10 s)
        assertThat(checker.analysed()).isEqualTo(3);

        // Hour 0 gains a segment running 15 s into hour 1: hour 1's leading hole goes, though its
        // own listing (and so its analysis) did not change.
        t.run("desertbus", "source", H0 + 3580 * S, 1, 35.0, 10);
        assertThat(checker.pass(() -> false)).isTrue();
        assertThat(checker.analysed()).isEqualTo(4);
        assertThat(gauge(registry, "raw_holes", h1, null)).isEqualTo(0.0);
        assertThat(gauge(registry, "raw_holes", HourNames.format(H0), null)).isEqualTo(0.0);
    }
}
