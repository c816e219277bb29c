package org.wubloader.restreamer.cut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.testing.Ffprobe;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.testing.TestMedia;
import org.wubloader.restreamer.testing.RawClient;
import org.wubloader.restreamer.testing.TestServer;

/** Cuts of real ffmpeg-made segments, checked with ffprobe. */
class CutHttpTest {
    private static final long T0 = SegmentTree.at("2019-11-13T02:00:00");
    private static final double FRAME = 1 / 25.0;

    @TempDir
    static Path base;

    @TempDir
    static Path out;

    static TestServer server;
    static List<Path> segments;

    @BeforeAll
    static void start() {
        SegmentTree tree = new SegmentTree(base);
        segments = TestMedia.place(tree, "desertbus", "source", T0, TestMedia.segments(10));
        // The same media with a hole: 02:00:00–02:00:06, then 02:00:10–02:00:20.
        List<Path> media = TestMedia.segments(10);
        TestMedia.place(tree, "desertbus", "holey", T0, media.subList(0, 3));
        TestMedia.place(tree, "desertbus", "holey", T0 + 10_000_000, media.subList(5, 10));
        tree.run("desertbus", "synthetic", T0, 5, 2.0, 1000);
        server = TestServer.start(base);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Path cut(String query) throws IOException {
        var r = server.get("/cut/desertbus/source.ts?" + query);
        assertThat(r.statusCode()).as(query + ": " + new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("video/MP2T");
        Path file = Files.createTempFile(out, "cut", ".ts");
        Files.write(file, r.body());
        return file;
    }

    private static String range(String from, String to) {
        return "start=2019-11-13T02:00:" + from + "&end=2019-11-13T02:00:" + to;
    }

    @Test
    void roughCutIsTheCoveringSegmentsBytesWithALength() throws IOException {
        var r = server.get("/cut/desertbus/source.ts?type=rough&" + range("01", "05"));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (Path p : segments.subList(0, 3)) {
            expected.write(Files.readAllBytes(p));
        }
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(expected.toByteArray());
        assertThat(r.headers().firstValue("Content-Length")).hasValue(Integer.toString(expected.size()));
    }

    @Test
    void fastCutLastsTheRangeWithinOneFrame() throws IOException {
        Path file = cut("type=fast&" + range("01.5", "07.3"));
        assertThat(Ffprobe.duration(file.toString())).isCloseTo(5.8, within(FRAME));
        assertDecodes(file);
    }

    @Test
    void fastIsTheDefaultType() throws IOException {
        assertThat(Ffprobe.duration(cut(range("04", "09")).toString())).isCloseTo(5.0, within(FRAME));
    }

    @Test
    void fastCutWithinOneSegmentTrimsBothEnds() throws IOException {
        Path file = cut("type=fast&" + range("02.4", "03.6"));
        assertThat(Ffprobe.duration(file.toString())).isCloseTo(1.2, within(FRAME));
    }

    @Test
    void fastCutOnSegmentBoundariesCopiesWholeSegments() throws IOException {
        var r = server.get("/cut/desertbus/source.ts?type=fast&" + range("02", "06"));
        byte[] expected = concat(segments.subList(1, 3));
        assertThat(r.body()).isEqualTo(expected);
    }

    @Test
    void mpegtsCutIsAFullEncodeLastingTheRange() throws IOException {
        Path file = cut("type=mpegts&" + range("01.5", "07.3"));
        assertThat(Ffprobe.duration(file.toString())).isCloseTo(5.8, within(FRAME));
        JsonNode video =
                Ffprobe.probe(file.toString(), "-select_streams", "v:0", "-show_entries", "stream=codec_name,profile");
        assertThat(video.path("streams").get(0).path("codec_name").asText()).isEqualTo("h264");
        assertThat(video.path("streams").get(0).path("profile").asText()).contains("4:4:4"); // crf 0: lossless
        assertDecodes(file);
    }

    @Test
    void smartCutStartsAtZeroWithMonotonicTimestamps() throws IOException {
        Path file = cut("type=smart&" + range("01.5", "07.3"));
        assertThat(Ffprobe.startTime(file.toString())).isCloseTo(0.0, within(0.1));
        assertThat(Ffprobe.duration(file.toString())).isCloseTo(5.8, within(FRAME));
        assertMonotonic(file);
        assertDecodes(file);
    }

    @Test
    void multipleRangesAreConcatenatedInOrder() throws IOException {
        String ranges = "range=2019-11-13T02:00:12,2019-11-13T02:00:15.5&range=2019-11-13T02:00:01,2019-11-13T02:00:03";
        assertThat(Ffprobe.duration(cut("type=smart&" + ranges).toString())).isCloseTo(5.5, within(2 * FRAME));
        assertMonotonic(cut("type=smart&" + ranges));
        assertThat(Ffprobe.duration(cut("type=mpegts&" + ranges).toString())).isCloseTo(5.5, within(2 * FRAME));
    }

    @Test
    void implicitStartAndEndAreTheStoredExtremes() throws IOException {
        var r = server.get("/cut/desertbus/source.ts?type=rough");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(concat(segments));
    }

    @Test
    void holesAreRefusedUnlessAllowed() throws IOException {
        String query = "start=2019-11-13T02:00:01&end=2019-11-13T02:00:15";
        var refused = server.getText("/cut/desertbus/holey.ts?" + query);
        assertThat(refused.statusCode()).isEqualTo(406);
        assertThat(refused.body()).contains("holes");
        var allowed = server.get("/cut/desertbus/holey.ts?type=rough&allow_holes=true&" + query);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(server.get("/cut/desertbus/holey.ts?type=smart&allow_holes=true&" + query)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void rangeWithoutAnyContentIsNotAcceptableEvenWithHolesAllowed() {
        var r = server.getText(
                "/cut/desertbus/holey.ts?allow_holes=true&start=2019-11-13T02:00:06.5&end=2019-11-13T02:00:09");
        assertThat(r.statusCode()).isEqualTo(406);
        assertThat(r.body()).contains("no content");
        var second =
                server.getText("/cut/desertbus/source.ts?allow_holes=true&range=2019-11-13T02:00:01,2019-11-13T02:00:03"
                        + "&range=2019-11-13T03:00:00,2019-11-13T03:00:05");
        assertThat(second.statusCode()).isEqualTo(406);
    }

    @Test
    void smartCutRefusesSegmentsThatAreNotMpegTs() {
        var r = server.getText(
                "/cut/desertbus/synthetic.ts?type=smart&start=2019-11-13T02:00:01&end=2019-11-13T02:00:05");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("not MPEG-TS");
    }

    @Test
    void headOfACutSendsOnlyHeaders() {
        var r = server.send("HEAD", "/cut/desertbus/source.ts?type=rough&" + range("01", "05"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Content-Type")).hasValue("video/MP2T");
    }

    @Test
    void clientLeavingMidCutKillsFfmpegAndLeavesNothingBehind() throws IOException {
        Map<Path, Long> before = snapshot(base);
        try (RawClient client = RawClient.get(
                server.port(),
                "/cut/desertbus/source.ts?type=mpegts&start=2019-11-13T02:00:00.5&end=2019-11-13T02:00:19")) {
            assertThat(client.readHead()).startsWith("HTTP/1.1 200");
            assertThat(client.readSome(1000)).isPositive();
            // The client reads no more, so ffmpeg (lossless output) soon blocks on its pipe, alive.
            assertThat(ffmpegChildren()).isNotEmpty();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ffmpegChildren().isEmpty());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> server.restreamer().status().cutsRunning() == 0);
        assertThat(snapshot(base)).isEqualTo(before);
    }

    @Test
    void clientLeavingMidSmartCutKillsFfmpegToo() throws IOException {
        try (RawClient client = RawClient.get(
                server.port(),
                "/cut/desertbus/source.ts?type=smart&start=2019-11-13T02:00:00.5&end=2019-11-13T02:00:19.5")) {
            assertThat(client.readHead()).startsWith("HTTP/1.1 200");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ffmpegChildren().isEmpty());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> server.restreamer().status().cutsRunning() == 0);
    }

    private static List<ProcessHandle> ffmpegChildren() {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info()
                        .command()
                        .map(c -> c.endsWith("ffmpeg") || c.endsWith("ffprobe"))
                        .orElse(false))
                .toList();
    }

    private static Map<Path, Long> snapshot(Path dir) throws IOException {
        Map<Path, Long> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                files.put(p, Files.isRegularFile(p) ? Files.size(p) : -1L);
            }
        }
        return files;
    }

    private static byte[] concat(List<Path> files) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Path p : files) {
            all.write(Files.readAllBytes(p));
        }
        return all.toByteArray();
    }

    /** Every stream's DTS strictly increases from packet to packet. */
    private static void assertMonotonic(Path file) {
        JsonNode packets = Ffprobe.probe(file.toString(), "-show_entries", "packet=stream_index,dts_time")
                .path("packets");
        Map<Integer, Double> last = new HashMap<>();
        int n = 0;
        for (JsonNode p : packets) {
            if (!p.hasNonNull("dts_time")) {
                continue;
            }
            int stream = p.path("stream_index").asInt();
            double dts = p.path("dts_time").asDouble();
            Double previous = last.put(stream, dts);
            if (previous != null) {
                assertThat(dts).as("stream %d packet %d", stream, n).isGreaterThan(previous);
                assertThat(dts - previous)
                        .as("jump in stream %d at %f", stream, dts)
                        .isLessThan(0.1);
            }
            n++;
        }
        assertThat(n).isGreaterThan(100);
    }

    private static void assertDecodes(Path file) {
        try {
            Process p = new ProcessBuilder(
                            "ffmpeg", "-v", "error", "-nostdin", "-i", file.toString(), "-f", "null", "-")
                    .redirectErrorStream(true)
                    .start();
            String errors = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(errors).as("decoder errors").isBlank();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
