package org.wubloader.restreamer.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.restreamer.testing.TestServer;

class SegmentFilesHttpTest {
    private static final long T0 = SegmentTree.at("2019-11-13T02:45:51.608");

    @TempDir
    static Path base;

    static TestServer server;
    static SegmentTree tree;
    static Path segment;
    static String url;
    static byte[] bytes;

    @BeforeAll
    static void start() throws IOException {
        tree = new SegmentTree(base);
        segment = tree.segment("desertbus", "source", T0, 2.0, SegmentType.FULL, 5000);
        bytes = Files.readAllBytes(segment);
        url = "/segments/" + tree.relative(segment).replace(":", "%3A");
        Files.createDirectories(base.resolve("coverage-maps"));
        Files.write(base.resolve("coverage-maps/desertbus_source_coverage.png"), new byte[] {1, 2, 3});
        server = TestServer.start(base);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String hash() {
        return SegmentPath.parse(segment.getFileName().toString()).hash();
    }

    @Test
    void segmentIsServedWholeWithTypeLengthAndImmutableValidators() {
        var r = server.get(url);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(bytes);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("video/MP2T");
        assertThat(r.headers().firstValue("Content-Length")).hasValue("5000");
        assertThat(r.headers().firstValue("ETag")).hasValue('"' + hash() + '"');
        assertThat(r.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("immutable"));
        assertThat(r.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void unencodedColonInThePathWorksToo() {
        assertThat(server.get("/segments/" + tree.relative(segment)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void headSendsHeadersOnly() {
        var r = server.send("HEAD", url);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Length")).hasValue("5000");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void matchingEtagGivesNotModified() {
        var r = server.get(url, "If-None-Match", '"' + hash() + '"');
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(server.get(url, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void rangeGivesPartialContent() {
        var r = server.get(url, "Range", "bytes=100-199");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 100-199/5000");
        assertThat(r.headers().firstValue("Content-Length")).hasValue("100");
        assertThat(r.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 100, 200));

        var suffix = server.get(url, "Range", "bytes=-10");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 4990, 5000));
    }

    @Test
    void rangePastTheEndIsUnsatisfiable() {
        var r = server.get(url, "Range", "bytes=5000-");
        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes */5000");
    }

    @Test
    void staleIfRangeSendsTheWholeFile() {
        var r = server.get(url, "Range", "bytes=0-9", "If-Range", "\"not-the-hash\"");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).hasSize(5000);
    }

    @Test
    void otherFilesAreServedWithTheirTypeAndRevalidation() {
        var r = server.get("/segments/coverage-maps/desertbus_source_coverage.png");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(r.headers().firstValue("ETag"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("W/"));
        assertThat(r.body()).containsExactly(1, 2, 3);
    }

    @Test
    void tombstonedSegmentIsNotServed() {
        Path other = tree.segment("desertbus", "source", T0 + 2_000_000, 2.0, SegmentType.FULL, 10);
        String otherUrl = "/segments/" + tree.relative(other);
        assertThat(server.get(otherUrl).statusCode()).isEqualTo(200);
        tree.tombstone(other);
        assertThat(server.get(otherUrl).statusCode()).isEqualTo(404);
    }

    @Test
    void missingFilesAndDirectoriesAreNotFound() {
        assertThat(server.get("/segments/desertbus/source/2019-11-13T02/nope.ts")
                        .statusCode())
                .isEqualTo(404);
        assertThat(server.get("/segments/desertbus/source").statusCode()).isEqualTo(404);
        assertThat(server.get("/segments/nothing/at/all").statusCode()).isEqualTo(404);
    }
}
