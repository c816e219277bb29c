package org.wubloader.restreamer.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.testing.Ffprobe;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.testing.TestMedia;
import org.wubloader.restreamer.http.HttpError;
import org.wubloader.restreamer.testing.TestServer;

class GenerateVideosHttpTest {
    private static final long T0 = SegmentTree.at("2019-11-13T02:00:00");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path base;

    static TestServer server;

    @BeforeAll
    static void start() {
        List<Path> media = TestMedia.segments(10);
        SegmentTree tree = new SegmentTree(base);
        // 02:00:00–02:00:06, a hole, then 02:00:10–02:00:20
        TestMedia.place(tree, "desertbus", "holey", T0, media.subList(0, 3));
        TestMedia.place(tree, "desertbus", "holey", T0 + 10_000_000, media.subList(5, 10));
        server = TestServer.start(base);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachContiguousRunBecomesAMatroskaFileAndExistingOnesAreSkipped() throws IOException {
        String request = "{\"day1\": [\"2019-11-13T02:00:00\", \"2019-11-13T02:00:20\"]}";
        var r = server.post("/generate_videos/desertbus/holey", body(request));
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.path("written").toString())
                .isEqualTo("[\"desertbus_holey_day1_0.mkv\",\"desertbus_holey_day1_1.mkv\"]");
        Path first = base.resolve("desertbus_holey_day1_0.mkv");
        Path second = base.resolve("desertbus_holey_day1_1.mkv");
        assertThat(Ffprobe.duration(first.toString())).isCloseTo(6.0, within(0.1));
        assertThat(Ffprobe.duration(second.toString())).isCloseTo(10.0, within(0.1));
        JsonNode format = Ffprobe.probe(first.toString(), "-show_entries", "format=format_name");
        assertThat(format.path("format").path("format_name").asText()).contains("matroska");
        long size = Files.size(first);
        var again = server.post("/generate_videos/desertbus/holey", body(request));
        assertThat(JSON.readTree(again.body()).path("skipped")).hasSize(2);
        assertThat(Files.size(first)).isEqualTo(size);
        try (Stream<Path> files = Files.list(base)) {
            assertThat(files.map(p -> p.getFileName().toString())
                            .filter(n -> n.contains(".temp"))
                            .toList())
                    .isEmpty();
        }
    }

    @Test
    void badBodiesAndMethodsAreRefused() {
        String path = "/generate_videos/desertbus/holey";
        assertThat(new String(server.post(path, body("{\"../x\": [\"2019-11-13T02:00:00\", \"2019-11-13T02:00:20\"]}"))
                        .body()))
                .contains("bad video name");
        assertThat(new String(server.post(path, body("{\".x\": [\"2019-11-13T02:00:00\", \"2019-11-13T02:00:20\"]}"))
                        .body()))
                .contains("bad video name");
        assertThat(server.post(path, body("{\"x\": [\"2019-11-13T02:00:20\", \"2019-11-13T02:00:00\"]}"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(server.post(path, body("{\"x\": [\"soon\", \"2019-11-13T02:00:00\"]}"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(server.post(path, body("[1, 2]")).statusCode()).isEqualTo(400);
        assertThat(server.post(path, body("not json")).statusCode()).isEqualTo(400);
        assertThat(server.post(
                                "/generate_videos/desertbus/nope",
                                body("{\"x\": [\"2019-11-13T02:00:00\", \"2019-11-13T02:00:20\"]}"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(server.get(path).statusCode()).isEqualTo(405);
    }

    @Test
    void oneJobAtATime() throws Exception {
        ArchiveService service = new ArchiveService(base, null, null);
        AutoCloseable slot = service.claim();
        try {
            assertThatThrownBy(service::claim)
                    .isInstanceOfSatisfying(
                            HttpError.class, e -> assertThat(e.status()).isEqualTo(409));
        } finally {
            slot.close();
        }
        service.claim().close();
    }
}
