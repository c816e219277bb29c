package org.wubloader.coverage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.wubloader.common.time.Micros;

/**
 * The per-hour gauges of §7, under the original's names and labels. Each pass replaces every row
 * of one channel and quality at once: hours that no longer exist lose their gauges (the original
 * kept them forever: weakness 20), and empty hours read 0.
 */
final class CoverageGauges {
    private static final String[] TYPES = {"full", "suspect", "partial"};

    private final MultiGauge segmentCount;
    private final MultiGauge segmentDuration;
    private final MultiGauge rawCoverage;
    private final MultiGauge editableCoverage;
    private final MultiGauge rawHoles;
    private final MultiGauge editableHoles;
    private final MultiGauge overlapCount;
    private final MultiGauge overlapDuration;

    CoverageGauges(MeterRegistry registry, String channel, String quality) {
        Tags base = Tags.of("channel", channel, "quality", quality);
        segmentCount = gauge(
                registry, base, "segment_count", "Segment files in the hour, by type (bad: names that do not parse)");
        segmentDuration = gauge(
                registry,
                base,
                "segment_duration",
                "Summed durations (s) of the hour's segment files, duplicates included");
        rawCoverage = gauge(registry, base, "raw_coverage", "Seconds of the hour covered by any chosen segment");
        editableCoverage = gauge(registry, base, "editable_coverage", "Seconds of the hour covered without overlaps");
        rawHoles = gauge(registry, base, "raw_holes", "Holes in the hour's raw coverage, hour-edge holes included");
        editableHoles = gauge(registry, base, "editable_holes", "Holes in the hour's overlap-free coverage");
        overlapCount = gauge(registry, base, "overlap_count", "Overlapping segments in the hour, by type");
        overlapDuration = gauge(registry, base, "overlap_duration", "Overlapping seconds in the hour, by type");
    }

    private static MultiGauge gauge(MeterRegistry registry, Tags base, String name, String help) {
        return MultiGauge.builder(name).description(help).tags(base).register(registry);
    }

    /** Sets every gauge from one whole pass. */
    void publish(List<HourReport> reports) {
        List<MultiGauge.Row<?>> count = new ArrayList<>();
        List<MultiGauge.Row<?>> duration = new ArrayList<>();
        List<MultiGauge.Row<?>> raw = new ArrayList<>();
        List<MultiGauge.Row<?>> editable = new ArrayList<>();
        List<MultiGauge.Row<?>> rawH = new ArrayList<>();
        List<MultiGauge.Row<?>> editableH = new ArrayList<>();
        List<MultiGauge.Row<?>> overlaps = new ArrayList<>();
        List<MultiGauge.Row<?>> overlapSeconds = new ArrayList<>();
        for (HourReport r : reports) {
            HourFigures f = r.figures();
            Tags hour = Tags.of("hour", r.hour());
            perType(count, hour, f.segmentCount(), false);
            count.add(MultiGauge.Row.of(hour.and("type", "bad"), f.bad().size()));
            perType(duration, hour, f.segmentDurationMicros(), true);
            raw.add(MultiGauge.Row.of(hour, Micros.toSeconds(f.rawCoverageMicros())));
            editable.add(MultiGauge.Row.of(hour, Micros.toSeconds(f.editableCoverageMicros())));
            rawH.add(MultiGauge.Row.of(hour, r.rawHoles().size()));
            editableH.add(MultiGauge.Row.of(hour, r.editableHoles().size()));
            perType(overlaps, hour, f.overlapCount(), false);
            perType(overlapSeconds, hour, f.overlapMicros(), true);
        }
        segmentCount.register(count, true);
        segmentDuration.register(duration, true);
        rawCoverage.register(raw, true);
        editableCoverage.register(editable, true);
        rawHoles.register(rawH, true);
        editableHoles.register(editableH, true);
        overlapCount.register(overlaps, true);
        overlapDuration.register(overlapSeconds, true);
    }

    private static void perType(List<MultiGauge.Row<?>> rows, Tags hour, PerType values, boolean seconds) {
        ToLongFunction<String> of = type ->
                type.equals("full") ? values.full() : type.equals("suspect") ? values.suspect() : values.partial();
        for (String type : TYPES) {
            long v = of.applyAsLong(type);
            rows.add(MultiGauge.Row.of(hour.and("type", type), seconds ? Micros.toSeconds(v) : v));
        }
    }
}
