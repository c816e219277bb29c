package org.wubloader.restreamer.cut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.testing.Ffprobe;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.testing.TestMedia;
import org.wubloader.restreamer.testing.TestServer;

/**
 * Issue 14 items 3 and 4: smart and fast cuts of 2 s H.264/AAC segments at many start offsets
 * (on and between key frames, on and off frame boundaries), measured with ffprobe.
 */
class CutAccuracyHttpTest {
    private static final long T0 = SegmentTree.at("2019-11-13T02:00:00");
    private static final double FRAME = 1 / 25.0;
    /** Offsets into the minute of video; the failing ones first. */
    private static final double[] STARTS = {5, 5.2, 7, 9, 0.5, 1.5, 2.02, 3.3, 4.0, 10.7, 13.96, 20.04, 30.5};

    private static final double LENGTH = 12;

    @TempDir
    static Path base;

    @TempDir
    static Path out;

    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        SegmentTree tree = new SegmentTree(base);
        TestMedia.place(tree, "desertbus", "source", T0, TestMedia.segments(30));
        // 30 fps with B-frames, as real encoders make them (TestMedia has none)
        Path media = Files.createDirectories(out.resolve("bframes"));
        TransitionCutHttpTest.run(TestMedia.ffmpegCommand(
                TestMedia.testPattern("320x180", 30),
                TestMedia.TONE,
                java.util.List.of(
                        "-t",
                        "40",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "veryfast",
                        "-bf",
                        "3",
                        "-g",
                        "60",
                        "-keyint_min",
                        "60",
                        "-sc_threshold",
                        "0",
                        "-pix_fmt",
                        "yuv420p",
                        "-c:a",
                        "aac",
                        "-b:a",
                        "64k"),
                TestMedia.twoSecondSegments(media.resolve("b%03d.ts"))));
        try (java.util.stream.Stream<Path> files = Files.list(media)) {
            TestMedia.place(tree, "desertbus", "bframes", T0, files.sorted().toList());
        }
        server = TestServer.start(base);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String at(double seconds) {
        return Instant.ofEpochSecond(0, (T0 + Math.round(seconds * 1e6)) * 1000).toString();
    }

    private static Path cut(String type, double start, double end) throws IOException {
        return cut("source", type, start, end);
    }

    private static Path cut(String quality, String type, double start, double end) throws IOException {
        var r = server.get(
                "/cut/desertbus/" + quality + ".ts?type=" + type + "&start=" + at(start) + "&end=" + at(end));
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        Path file = Files.createTempFile(out, type, ".ts");
        Files.write(file, r.body());
        return file;
    }

    /** Per stream: start time and duration as ffprobe counts them from the packets. */
    private static JsonNode streams(Path file) {
        return Ffprobe.probe(
                file.toString(), "-show_entries", "stream=index,codec_type,start_time:format=duration,start_time");
    }

    /**
     * A stream's span from its packets: first PTS to the end of its last packet. (ffprobe's own
     * per-stream MPEG-TS duration is an estimate: it says 1.73 s for the audio of a 2 s segment.)
     */
    private static double span(Path file, int stream) {
        double first = Double.MAX_VALUE;
        double end = -Double.MAX_VALUE;
        for (JsonNode p : Ffprobe.probe(
                        file.toString(),
                        "-select_streams",
                        Integer.toString(stream),
                        "-show_entries",
                        "packet=pts_time,duration_time")
                .path("packets")) {
            double pts = p.path("pts_time").asDouble();
            first = Math.min(first, pts);
            end = Math.max(end, pts + p.path("duration_time").asDouble());
        }
        return end - first;
    }

    @Test
    void smartCutsAtManyOffsetsStartEveryStreamAtZeroOrLaterAndLastTheRange() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        for (double s : STARTS) {
            Path file = cut("smart", s, s + LENGTH);
            JsonNode probe = streams(file);
            for (JsonNode stream : probe.path("streams")) {
                String what = "smart cut at +" + s + " s, "
                        + stream.path("codec_type").asText();
                soft.assertThat(stream.path("start_time").asDouble())
                        .as(what + " start")
                        .isGreaterThanOrEqualTo(0.0);
                soft.assertThat(span(file, stream.path("index").asInt()))
                        .as(what + " span")
                        .isCloseTo(LENGTH, within(FRAME));
            }
            soft.assertThat(probe.path("format").path("duration").asDouble())
                    .as("smart cut at +" + s + " s")
                    .isCloseTo(LENGTH, within(FRAME));
        }
        soft.assertAll();
    }

    @Test
    void fastCutsLastTheRangeWithinOneFrameAndAgreeWithSmart() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        for (double s : STARTS) {
            double fast = Ffprobe.duration(cut("fast", s, s + LENGTH).toString());
            double smart = Ffprobe.duration(cut("smart", s, s + LENGTH).toString());
            soft.assertThat(fast).as("fast cut at +" + s + " s").isCloseTo(LENGTH, within(FRAME));
            soft.assertThat(fast).as("fast vs smart at +" + s + " s").isCloseTo(smart, within(FRAME));
        }
        soft.assertAll();
    }

    /**
     * With B-frames the source itself has its video presented about two frames after its audio
     * (a 2 s segment lasts 2.048 s for ffprobe), so the container duration of any cut carries that
     * skew: each stream is measured on its own instead. What is achieved (and promised in the
     * README) for such video: each stream within 3 frames of the range (measured: video −2…+1,
     * audio of smart cuts +1…+2.3 frames; the timestamp rewriter leaves the sources' audio/video
     * skew as small gaps at piece boundaries). Before end trims of B-frame video were re-encoded,
     * fast cuts ran 2–4 frames long and smart cuts 4–6.
     */
    @Test
    void cutsOfVideoWithBFramesLastTheRangeInEveryStream() throws IOException {
        double frame = 1 / 30.0;
        SoftAssertions soft = new SoftAssertions();
        for (double s : new double[] {1.0, 2.5, 5.2, 7.0, 9.9}) {
            Path fast = cut("bframes", "fast", s, s + LENGTH);
            Path smart = cut("bframes", "smart", s, s + LENGTH);
            for (Path file : List.of(fast, smart)) {
                String what = (file == fast ? "fast" : "smart") + " cut at +" + s + " s";
                soft.assertThat(span(file, 0)).as(what + " video").isCloseTo(LENGTH, within(3 * frame));
                soft.assertThat(span(file, 1)).as(what + " audio").isCloseTo(LENGTH, within(3 * frame));
            }
            for (JsonNode stream : streams(smart).path("streams")) {
                soft.assertThat(stream.path("start_time").asDouble())
                        .as("smart +" + s + " " + stream.path("codec_type").asText())
                        .isGreaterThanOrEqualTo(0.0);
            }
        }
        soft.assertAll();
    }
}
