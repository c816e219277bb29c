package org.wubloader.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.wubloader.common.time.HourNames;
import org.wubloader.common.time.Micros;
import org.wubloader.common.time.Timestamps;

/**
 * Cluster-wide holes: per hour, the time that no node has. Those are the real losses; anything
 * else a backfiller can still copy from a node that has it. The page computes the same thing in
 * JavaScript from every node's {@code _coverage.json} (coverage-page.js, kept in step with this).
 *
 * <p>A node's uncovered time in an hour is its map holes if the hour has segments there, else
 * the whole hour (including hours the node does not list at all). Hours are those any node lists.
 */
public final class ClusterHoles {
    private ClusterHoles() {}

    /** One node's view of one hour. */
    public record NodeHour(boolean hasSegments, List<Interval> uncovered) {
        public NodeHour {
            uncovered = List.copyOf(uncovered);
        }
    }

    /** Hour start → the intervals no node covers, in time order; hours no node lists are absent. */
    public static SortedMap<Long, List<Interval>> compute(List<Map<Long, NodeHour>> nodes) {
        SortedMap<Long, List<Interval>> out = new TreeMap<>();
        for (Map<Long, NodeHour> node : nodes) {
            for (Long hour : node.keySet()) {
                out.put(hour, null);
            }
        }
        for (Long hour : out.keySet()) {
            List<Interval> missing = List.of(new Interval(hour, hour + HourNames.MICROS_PER_HOUR));
            for (Map<Long, NodeHour> node : nodes) {
                NodeHour h = node.get(hour);
                if (h != null && h.hasSegments()) {
                    missing = intersect(missing, h.uncovered());
                }
            }
            out.put(hour, missing);
        }
        return out;
    }

    /** The intersection of two sorted lists of disjoint intervals. */
    static List<Interval> intersect(List<Interval> a, List<Interval> b) {
        List<Interval> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            long from = Math.max(a.get(i).startMicros(), b.get(j).startMicros());
            long to = Math.min(a.get(i).endMicros(), b.get(j).endMicros());
            if (from < to) {
                out.add(new Interval(from, to));
            }
            if (a.get(i).endMicros() < b.get(j).endMicros()) {
                i++;
            } else {
                j++;
            }
        }
        return out;
    }

    /** A node's hours from its {@code _coverage.json} ({@link CoverageJson}). */
    public static Map<Long, NodeHour> fromJson(JsonNode coverage) {
        Map<Long, NodeHour> out = new TreeMap<>();
        for (JsonNode hour : coverage.path("hours")) {
            List<Interval> uncovered = new ArrayList<>();
            for (JsonNode pair : hour.path("map_hole_intervals")) {
                uncovered.add(new Interval(micros(pair.get(0)), micros(pair.get(1))));
            }
            out.put(
                    HourNames.parse(hour.path("hour").asText()),
                    new NodeHour(hour.path("has_segments").asBoolean(), uncovered));
        }
        return out;
    }

    private static long micros(JsonNode timestamp) {
        return Micros.of(Timestamps.parseUtcOnly(timestamp.asText()));
    }
}
