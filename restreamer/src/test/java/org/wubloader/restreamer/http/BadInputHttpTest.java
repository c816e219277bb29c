package org.wubloader.restreamer.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.restreamer.testing.TestServer;

/** Every bad parameter is a 400 with a reason (never a 500), and every response has CORS headers. */
class BadInputHttpTest {
    @TempDir
    static Path base;

    static TestServer server;

    @BeforeAll
    static void start() {
        new SegmentTree(base).run("desertbus", "source", SegmentTree.at("2019-11-13T02:00:00"), 10, 2.0, 100);
        server = TestServer.start(base);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/playlist/desertbus/source.m3u8?start=yesterday | start",
                "/playlist/desertbus/source.m3u8?start=2019-11-13T02:00:00&end=2019-13-40T00:00 | end",
                "/playlist/desertbus.m3u8?start=2019-11-13T25:00 | start",
                "/playlist/desertbus/source.m3u8?start=2019-11-13T02:00:00.1234567890 | start",
                "/cut/desertbus/source.ts?start=nope&end=2019-11-13T02:00:10 | start",
                "/cut/desertbus/source.ts?start=2019-11-13T02:00:10&end=2019-11-13T02:00:10 | end must be after start",
                "/cut/desertbus/source.ts?start=2019-11-13T02:00:10&end=2019-11-13T02:00:05 | end must be after start",
                "/cut/desertbus/source.ts?range=2019-11-13T02:00:00 | malformed range",
                "/cut/desertbus/source.ts?range=2019-11-13T02:00:00,2019-11-13T02:00:05,x | malformed range",
                "/cut/desertbus/source.ts?range=a,b | range start",
                "/cut/desertbus/source.ts?range=2019-11-13T02:00:05,2019-11-13T02:00:01 | end must be after start",
                "/cut/desertbus/source.ts?start=2019-11-13T02:00:00&end=2019-11-13T02:00:05&allow_holes=maybe | allow_holes",
                "/cut/desertbus/source.ts?start=2019-11-13T02:00:00&end=2019-11-13T02:00:05&type=mp4 | mp4 is not supported",
                "/cut/desertbus/source.ts?start=2019-11-13T02:00:00&end=2019-11-13T02:00:05&type=avi | unknown type",
                "/cut/desertbus/source.ts?start=2019-11-13T02:00:00&end=2019-11-13T02:00:05&transition=fade,1 | Too many transitions",
                "/files/desertbus/source/2019-11-13T02?tombstones=1 | tombstones",
            })
    void badParameterIsRejectedWithAReason(String target, String reason) {
        var r = server.getText(target.trim());
        assertThat(r.statusCode()).as(target).isEqualTo(400);
        assertThat(r.body()).as(target).containsIgnoringCase(reason.trim());
        assertThat(r.body().strip()).doesNotContain("\n");
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    }

    @Test
    void malformedPathEncodingIsABadRequest() {
        String badEscape = server.raw("GET", "/segments/bad%zzescape");
        assertThat(TestServer.status(badEscape)).isEqualTo(400);
        assertThat(badEscape).contains("percent-encoding");
        String badUtf8 = server.raw("GET", "/segments/%ff%fe");
        assertThat(TestServer.status(badUtf8)).isEqualTo(400);
        assertThat(badUtf8).contains("UTF-8");
    }

    @Test
    void percentEncodedQueryValuesAreDecoded() {
        var r = server.getText("/cut/desertbus/source.ts?range=2019-11-13T02%3A00%3A05%2C2019-11-13T02%3A00%3A01");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("end must be after start");
    }

    @Test
    void everyResponseCarriesCorsHeaders() {
        for (String target : new String[] {
            "/files", "/nope", "/segments/../x", "/cut/desertbus/source.ts?type=x", "/metrics", "/healthz"
        }) {
            String response = server.raw("GET", target);
            assertThat(response)
                    .as(target)
                    .containsIgnoringCase("Access-Control-Allow-Origin: *\r\n")
                    .containsIgnoringCase("Access-Control-Allow-Methods: GET,POST,HEAD\r\n")
                    .containsIgnoringCase("Access-Control-Allow-Headers: *\r\n")
                    .containsIgnoringCase("Access-Control-Allow-Credentials: false\r\n")
                    .containsIgnoringCase("Access-Control-Max-Age: 86400\r\n");
        }
    }

    @Test
    void preflightIsAnsweredWithoutABody() {
        String response = server.raw("OPTIONS", "/cut/desertbus/source.ts");
        assertThat(TestServer.status(response)).isEqualTo(204);
        assertThat(response).containsIgnoringCase("Access-Control-Allow-Origin: *");
    }

    @Test
    void otherMethodsAreNotAllowed() {
        assertThat(TestServer.status(server.raw("DELETE", "/segments/x"))).isEqualTo(405);
    }

    @Test
    void unknownPathsAreNotFound() {
        assertThat(server.get("/nothing").statusCode()).isEqualTo(404);
        assertThat(server.get("/files/a/b/c/d").statusCode()).isEqualTo(404);
        assertThat(server.get("/playlist/desertbus/source.mp4").statusCode()).isEqualTo(404);
        assertThat(server.get("/cut/desertbus/source.mp4").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownChannelOrQualityIsNotFoundForPlaylistsAndCuts() {
        assertThat(server.get("/playlist/nobody.m3u8").statusCode()).isEqualTo(404);
        assertThat(server.get("/playlist/desertbus/1080p.m3u8").statusCode()).isEqualTo(404);
        assertThat(server.get("/cut/desertbus/1080p.ts?start=2019-11-13T02:00:00&end=2019-11-13T02:00:05")
                        .statusCode())
                .isEqualTo(404);
    }
}
