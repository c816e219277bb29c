package org.wubloader.restreamer.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges chat batches from several archiving nodes so each message appears once (pure but for
 * logging data errors). Copies of one message: the same {@code tags.id}, or, without an id,
 * overlapping time ranges and every other key (but {@code time}, {@code time_range},
 * {@code receivers}) equal. Two copies merge into the intersection of their time ranges and the
 * union of their receivers. The result is sorted by (time, time_range, canonical JSON) and does
 * not depend on the order of the batches; merging a batch with itself changes nothing. Copies
 * with one id that cannot merge (different content, disjoint ranges) are a data error: logged,
 * both kept.
 */
public final class ChatMerge {
    private static final Logger log = LoggerFactory.getLogger(ChatMerge.class);
    private static final ObjectMapper CANONICAL =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final double EPSILON = 1e-9;

    private ChatMerge() {}

    /** Every message of every batch, merged and sorted. */
    public static List<ObjectNode> merge(List<ObjectNode> messages) {
        Map<String, List<ObjectNode>> groups = new LinkedHashMap<>();
        for (ObjectNode m : messages) {
            groups.computeIfAbsent(groupKey(m), k -> new ArrayList<>()).add(m);
        }
        List<ObjectNode> out = new ArrayList<>();
        for (Map.Entry<String, List<ObjectNode>> group : groups.entrySet()) {
            out.addAll(mergeGroup(group.getKey(), group.getValue()));
        }
        out.sort(ORDER);
        return out;
    }

    /** Messages that may be copies of each other: the same id, or (no id) the same content. */
    private static String groupKey(ObjectNode m) {
        JsonNode id = m.path("tags").path("id");
        if (id.isTextual() && !id.asText().isEmpty()) {
            return "id:" + id.asText();
        }
        return "content:" + canonical(content(m));
    }

    private static ObjectNode content(ObjectNode m) {
        ObjectNode c = m.deepCopy();
        c.remove(List.of("time", "time_range", "receivers"));
        return c;
    }

    /**
     * Sorted by start then by content, each message is merged into the first kept copy it can
     * merge with; as copies of one message all contain its true time they all overlap, so the
     * result is the same in any input order.
     */
    private static List<ObjectNode> mergeGroup(String key, List<ObjectNode> copies) {
        List<ObjectNode> sorted = new ArrayList<>(copies);
        sorted.sort(ORDER);
        List<ObjectNode> kept = new ArrayList<>();
        for (ObjectNode m : sorted) {
            boolean merged = false;
            for (int i = 0; i < kept.size() && !merged; i++) {
                ObjectNode into = kept.get(i);
                if (overlaps(into, m) && canonical(content(into)).equals(canonical(content(m)))) {
                    kept.set(i, mergeTwo(into, m));
                    merged = true;
                }
            }
            if (!merged) {
                if (!kept.isEmpty() && key.startsWith("id:")) {
                    log.warn(
                            "Chat data error: two messages with id {} cannot be merged (different content or disjoint "
                                    + "time ranges); keeping both",
                            key.substring(3));
                }
                kept.add(m);
            }
        }
        return kept;
    }

    private static double time(JsonNode m) {
        return m.path("time").asDouble();
    }

    private static double range(JsonNode m) {
        return m.path("time_range").asDouble();
    }

    private static boolean overlaps(JsonNode a, JsonNode b) {
        return Math.max(time(a), time(b)) <= Math.min(time(a) + range(a), time(b) + range(b)) + EPSILON;
    }

    private static ObjectNode mergeTwo(ObjectNode a, ObjectNode b) {
        ObjectNode out = a.deepCopy();
        // When one range lies inside the other its exact values are kept: recomputing
        // (t + r) - t in floating point can change r, and merging a copy with itself must not.
        boolean startFromA = time(a) >= time(b);
        boolean endFromA = time(a) + range(a) <= time(b) + range(b);
        if (startFromA && endFromA) {
            out.put("time", time(a));
            out.put("time_range", range(a));
        } else if (!startFromA && !endFromA) {
            out.put("time", time(b));
            out.put("time_range", range(b));
        } else {
            double start = Math.max(time(a), time(b));
            double end = Math.min(time(a) + range(a), time(b) + range(b));
            out.put("time", start);
            out.put("time_range", Math.max(0, end - start));
        }
        ObjectNode receivers = out.putObject("receivers");
        Map<String, JsonNode> union = new java.util.TreeMap<>();
        a.path("receivers").properties().forEach(e -> union.put(e.getKey(), e.getValue()));
        b.path("receivers")
                .properties()
                .forEach(e -> union.merge(e.getKey(), e.getValue(), (x, y) -> x.asDouble() <= y.asDouble() ? x : y));
        union.forEach(receivers::set);
        return out;
    }

    /** Compact JSON with sorted keys, as the original's sort key. */
    public static String canonical(JsonNode node) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.treeToValue(node, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree always serialises
        }
    }

    public static final Comparator<ObjectNode> ORDER = Comparator.<ObjectNode>comparingDouble(ChatMerge::time)
            .thenComparingDouble(ChatMerge::range)
            .thenComparing(ChatMerge::canonical);
}
