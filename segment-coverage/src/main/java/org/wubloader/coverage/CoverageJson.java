package org.wubloader.coverage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import org.wubloader.common.time.Micros;
import org.wubloader.common.time.Timestamps;

/**
 * {@code CHANNEL_QUALITY_coverage.json}: every per-hour figure, and the hole intervals, for tools
 * and tests that should not have to scrape metrics. The format is documented in the module README;
 * {@link #FORMAT} changes only if a field changes meaning or goes away (fields may be added).
 */
public final class CoverageJson {
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CoverageJson() {}

    public static byte[] render(String channel, String quality, long generatedMicros, List<HourReport> reports) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("channel", channel);
        root.put("quality", quality);
        root.put("generated", Timestamps.formatMicros(generatedMicros));
        ArrayNode hours = root.putArray("hours");
        for (HourReport r : reports) {
            HourFigures f = r.figures();
            ObjectNode h = hours.addObject();
            h.put("hour", r.hour());
            h.put("start", Timestamps.formatMicros(r.startMicros()));
            h.put("end", Timestamps.formatMicros(r.endMicros()));
            h.put("has_segments", f.hasSegments());
            ObjectNode count = perType(h.putObject("segment_count"), f.segmentCount(), false);
            count.put("bad", f.bad().size());
            perType(h.putObject("segment_duration"), f.segmentDurationMicros(), true);
            h.put("raw_coverage", Micros.toSeconds(f.rawCoverageMicros()));
            h.put("editable_coverage", Micros.toSeconds(f.editableCoverageMicros()));
            h.put("raw_holes", r.rawHoles().size());
            h.put("editable_holes", r.editableHoles().size());
            perType(h.putObject("overlap_count"), f.overlapCount(), false);
            perType(h.putObject("overlap_duration"), f.overlapMicros(), true);
            h.put("raw_hole_duration", Micros.toSeconds(HourReport.totalMicros(r.rawHoles())));
            h.put("editable_hole_duration", Micros.toSeconds(HourReport.totalMicros(r.editableHoles())));
            intervals(h.putArray("raw_hole_intervals"), r.rawHoles());
            intervals(h.putArray("editable_hole_intervals"), r.editableHoles());
            intervals(h.putArray("partial_only_intervals"), f.partialOnly());
            intervals(h.putArray("map_hole_intervals"), r.mapHoles());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode perType(ObjectNode node, PerType values, boolean seconds) {
        if (seconds) {
            node.put("full", Micros.toSeconds(values.full()));
            node.put("suspect", Micros.toSeconds(values.suspect()));
            node.put("partial", Micros.toSeconds(values.partial()));
        } else {
            node.put("full", values.full());
            node.put("suspect", values.suspect());
            node.put("partial", values.partial());
        }
        return node;
    }

    private static void intervals(ArrayNode array, List<Interval> intervals) {
        for (Interval i : intervals) {
            ArrayNode pair = array.addArray();
            pair.add(Timestamps.formatMicros(i.startMicros()));
            pair.add(Timestamps.formatMicros(i.endMicros()));
        }
    }
}
