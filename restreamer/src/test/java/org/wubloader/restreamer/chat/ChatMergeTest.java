package org.wubloader.restreamer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChatMergeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode message(String id, double time, double range, String receiver, String text) {
        ObjectNode m = JSON.createObjectNode();
        m.put("time", time);
        m.put("time_range", range);
        m.putObject("receivers").put(receiver, time + range);
        m.put("command", "PRIVMSG");
        m.putArray("params").add("#desertbus").add(text);
        m.put("sender", "someone");
        if (id != null) {
            m.putObject("tags").put("id", id);
        }
        return m;
    }

    private static List<String> texts(List<ObjectNode> messages) {
        return messages.stream().map(ChatMerge::canonical).toList();
    }

    @Test
    void copiesFromTwoNodesBecomeOneWithTheIntersectionOfRangesAndUnionOfReceivers() {
        List<ObjectNode> merged = ChatMerge.merge(
                List.of(message("a", 100.0, 2.0, "node1", "hi"), message("a", 101.0, 3.0, "node2", "hi")));
        assertThat(merged).hasSize(1);
        ObjectNode m = merged.get(0);
        assertThat(m.path("time").asDouble()).isEqualTo(101.0);
        assertThat(m.path("time_range").asDouble()).isEqualTo(1.0);
        assertThat(m.path("receivers").has("node1")).isTrue();
        assertThat(m.path("receivers").has("node2")).isTrue();
    }

    @Test
    void messagesWithoutIdMergeWhenRangesOverlapAndContentIsEqual() {
        List<ObjectNode> merged = ChatMerge.merge(List.of(
                message(null, 100.0, 2.0, "node1", "hi"),
                message(null, 101.5, 1.0, "node2", "hi"),
                message(null, 100.0, 2.0, "node1", "different"),
                message(null, 200.0, 1.0, "node2", "hi")));
        assertThat(merged).hasSize(3);
        assertThat(merged.get(0).path("time").asDouble()).isEqualTo(100.0); // "different"
        assertThat(merged.get(1).path("time").asDouble()).isEqualTo(101.5);
        assertThat(merged.get(1).path("receivers").size()).isEqualTo(2);
        assertThat(merged.get(2).path("time").asDouble()).isEqualTo(200.0);
    }

    @Test
    void sameIdThatCannotMergeIsKeptTwiceNotFailed() {
        List<ObjectNode> merged = ChatMerge.merge(
                List.of(message("x", 100.0, 1.0, "node1", "hi"), message("x", 100.5, 1.0, "node2", "edited")));
        assertThat(merged).hasSize(2);
    }

    @Test
    void mergingIsIndependentOfOrderAndMergingWithItselfChangesNothing() {
        List<ObjectNode> batch = new ArrayList<>();
        Random random = new Random(14);
        for (int i = 0; i < 60; i++) {
            double t = 100 + random.nextInt(20);
            String id = i % 3 == 0 ? null : "m" + (i % 20);
            batch.add(message(
                    id, t + random.nextDouble(), 0.5 + random.nextDouble(), "node" + (i % 3), "text" + (i % 20)));
        }
        List<String> expected = texts(ChatMerge.merge(batch));
        for (int round = 0; round < 10; round++) {
            List<ObjectNode> shuffled = new ArrayList<>(batch);
            Collections.shuffle(shuffled, random);
            assertThat(texts(ChatMerge.merge(shuffled))).isEqualTo(expected);
        }
        List<ObjectNode> merged = ChatMerge.merge(batch);
        List<ObjectNode> twice = new ArrayList<>(merged);
        twice.addAll(merged);
        assertThat(texts(ChatMerge.merge(twice))).isEqualTo(texts(merged));
    }
}
