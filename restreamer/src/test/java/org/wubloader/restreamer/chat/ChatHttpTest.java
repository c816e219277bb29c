package org.wubloader.restreamer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.restreamer.testing.TestServer;

class ChatHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double T0 = SegmentTree.at("2019-11-13T02:00:00") / 1e6;

    @TempDir
    static Path base;

    static TestServer server;

    static void batch(String hour, String name, ObjectNode... messages) throws IOException {
        Path dir = base.resolve("desertbus/chat/" + hour);
        Files.createDirectories(dir);
        StringBuilder text = new StringBuilder();
        for (ObjectNode m : messages) {
            text.append(JSON.writeValueAsString(m)).append('\n');
        }
        Files.writeString(dir.resolve(name), text.toString(), StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void start() throws IOException {
        // two nodes archived the same minute; one message's range reaches back into the batch before
        batch("2019-11-13T01", "59:00-aaa.json", ChatMergeTest.message("early", T0 - 5, 10, "node1", "spans the hour"));
        batch(
                "2019-11-13T02",
                "00:00-bbb.json",
                ChatMergeTest.message("m1", T0 + 10, 1, "node1", "hello"),
                ChatMergeTest.message("m2", T0 + 30, 1, "node1", "world"));
        batch(
                "2019-11-13T02",
                "00:00-ccc.json",
                ChatMergeTest.message("m1", T0 + 10.5, 1, "node2", "hello"),
                ChatMergeTest.message("m3", T0 + 70, 1, "node2", "after the range"));
        Files.writeString(base.resolve("desertbus/chat/2019-11-13T02/notes.txt"), "not a batch");
        server = TestServer.start(base);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void messagesOfTheRangeAreMergedAcrossNodesAndSorted() throws IOException {
        var r = server.getText("/desertbus/chat.json?start=2019-11-13T02:00:00&end=2019-11-13T02:01:00");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode messages = JSON.readTree(r.body());
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).path("tags").path("id").asText()).isEqualTo("early");
        assertThat(messages.get(1).path("tags").path("id").asText()).isEqualTo("m1");
        assertThat(messages.get(1).path("time").asDouble()).isEqualTo(T0 + 10.5);
        assertThat(messages.get(1).path("receivers").size()).isEqualTo(2);
        assertThat(messages.get(2).path("tags").path("id").asText()).isEqualTo("m2");
        assertThat(server.metrics()).contains("merge_messages_latency_normalized_count");
    }

    @Test
    void badRangesAreRejectedAndAChannelWithoutChatIsEmpty() {
        assertThat(server.getText("/desertbus/chat.json?start=2019-11-13T02:00:00")
                        .statusCode())
                .isEqualTo(400);
        assertThat(server.getText("/desertbus/chat.json?start=2019-11-13T02:00:00&end=2019-11-13T02:00:00")
                        .body())
                .contains("end must be after start");
        assertThat(server.getText("/desertbus/chat.json?start=2019-11-13T02:00:00&end=2019-11-13T04:00:01")
                        .body())
                .contains("Cannot request more than 2h of chat");
        var none = server.getText("/nobody/chat.json?start=2019-11-13T02:00:00&end=2019-11-13T02:01:00");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).isEqualTo("[]");
        assertThat(server.getText("/.hidden/chat.json?start=2019-11-13T02:00:00&end=2019-11-13T02:01:00")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void batchTimesComeFromTheirNames() {
        long hour = SegmentTree.at("2019-11-13T02:00:00");
        assertThat(ChatService.batchTime(hour, "01:30-abc.json")).isEqualTo(hour + 90_000_000L);
        assertThat(ChatService.batchTime(hour, "notes.txt")).isEqualTo(Long.MIN_VALUE);
        assertThat(ChatService.batchTime(hour, "61:00-abc.json")).isEqualTo(Long.MIN_VALUE);
        assertThat(List.of()).isEmpty();
    }
}
