package org.wubloader.restreamer.cut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.testing.Ffprobe;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.testing.TestMedia;
import org.wubloader.restreamer.editor.ImageService;
import org.wubloader.restreamer.testing.TestServer;

/**
 * Cuts joining ranges with transitions, of real segments: 6 s of red then 6 s of blue video
 * (H.264, 25 fps, a key frame every 2 s segment) with a sine tone.
 */
class TransitionCutHttpTest {
    private static final long T0 = SegmentTree.at("2019-11-13T02:00:00");
    private static final double FRAME = 1 / 25.0;
    /** Red 00:01–00:05 and blue 00:07–00:11: 4 s each. */
    private static final String RED = "range=2019-11-13T02:00:01,2019-11-13T02:00:05";

    private static final String BLUE = "range=2019-11-13T02:00:07,2019-11-13T02:00:11";

    @TempDir
    static Path base;

    @TempDir
    static Path work;

    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path media = work.resolve("media");
        Files.createDirectories(media);
        run(TestMedia.ffmpegCommand(
                TestMedia.lavfi(
                        "color=c=red:s=160x90:r=25:d=6[r];color=c=blue:s=160x90:r=25:d=6[b];[r][b]concat=n=2:v=1:a=0"),
                TestMedia.TONE,
                List.of("-t", "12"),
                TestMedia.H264_AAC,
                TestMedia.twoSecondSegments(media.resolve("c%02d.ts"))));
        SegmentTree tree = new SegmentTree(base);
        List<Path> files;
        try (Stream<Path> list = Files.list(media)) {
            files = list.sorted().toList();
        }
        assertThat(files).hasSize(6);
        for (int i = 0; i < files.size(); i++) {
            tree.write(
                    "desertbus",
                    "colours",
                    T0 + i * 2_000_000L,
                    2.0,
                    SegmentType.FULL,
                    Files.readAllBytes(files.get(i)));
        }
        server = TestServer.start(base);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static byte[] run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
        return out;
    }

    private static Path cut(String query, String contentType) throws IOException {
        var r = server.get("/cut/desertbus/colours.ts?" + query);
        assertThat(r.statusCode()).as(query + ": " + new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(contentType);
        Path file = Files.createTempFile(work, "cut", contentType.endsWith("webm") ? ".webm" : ".ts");
        Files.write(file, r.body());
        return file;
    }

    /** Per stream: first PTS to the end of its last packet. */
    static double span(Path file, String streams) {
        double first = Double.MAX_VALUE;
        double end = -Double.MAX_VALUE;
        for (JsonNode p : Ffprobe.probe(
                        file.toString(), "-select_streams", streams, "-show_entries", "packet=pts_time,duration_time")
                .path("packets")) {
            double pts = p.path("pts_time").asDouble();
            first = Math.min(first, pts);
            end = Math.max(end, pts + p.path("duration_time").asDouble(0));
        }
        return end - first;
    }

    /** The frame at {@code seconds} into the output, as an image. */
    static BufferedImage frameAt(Path file, double seconds) throws Exception {
        byte[] png = run(ImageService.frameCommand(file, seconds));
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /** Mean red and blue of the frame's centre. */
    static double[] redBlue(BufferedImage image) {
        double r = 0;
        double b = 0;
        int n = 0;
        for (int y = image.getHeight() / 4; y < image.getHeight() * 3 / 4; y++) {
            for (int x = image.getWidth() / 4; x < image.getWidth() * 3 / 4; x++) {
                int rgb = image.getRGB(x, y);
                r += (rgb >> 16) & 0xff;
                b += rgb & 0xff;
                n++;
            }
        }
        return new double[] {r / n, b / n};
    }

    private static void assertInSync(Path file, double expected) {
        assertThat(span(file, "v:0")).as("video").isCloseTo(expected, within(FRAME));
        assertThat(span(file, "a:0")).as("audio").isCloseTo(expected, within(FRAME));
    }

    @Test
    void fadeOverlapsTheRangesAndMixesTheirFrames() throws Exception {
        Path file = cut("type=mpegts&" + RED + "&" + BLUE + "&transition=fade,1", "video/MP2T");
        assertInSync(file, 7.0);
        double[] before = redBlue(frameAt(file, 2.0));
        double[] middle = redBlue(frameAt(file, 3.5));
        double[] after = redBlue(frameAt(file, 5.0));
        assertThat(before[0]).isGreaterThan(200);
        assertThat(before[1]).isLessThan(50);
        assertThat(after[1]).isGreaterThan(200);
        assertThat(after[0]).isLessThan(50);
        // halfway through the fade: both colours, neither at full strength
        assertThat(middle[0]).isBetween(60.0, 200.0);
        assertThat(middle[1]).isBetween(60.0, 200.0);
    }

    @Test
    void threeRangesWithAHardCutAndAWipeAsWebm() throws Exception {
        String third = "range=2019-11-13T02:00:00,2019-11-13T02:00:02";
        Path file = cut(
                "type=webm&" + RED + "&" + BLUE + "&" + third + "&transition=&transition=wipeleft,0.5", "video/webm");
        JsonNode streams = Ffprobe.probe(file.toString(), "-show_entries", "stream=codec_name:format=format_name");
        assertThat(streams.path("format").path("format_name").asText()).contains("webm");
        List<String> codecs = new ArrayList<>();
        streams.path("streams").forEach(s -> codecs.add(s.path("codec_name").asText()));
        assertThat(codecs).containsExactlyInAnyOrder("vp9", "opus");
        // streamed WebM carries no duration header: measure the packets
        assertThat(span(file, "v:0")).isCloseTo(4 + 4 + 2 - 0.5, within(2 * FRAME));
        assertThat(span(file, "a:0")).isCloseTo(4 + 4 + 2 - 0.5, within(2 * FRAME));
        // the hard cut: red right up to 4 s, then blue
        assertThat(redBlue(frameAt(file, 3.9))[0]).isGreaterThan(200);
        assertThat(redBlue(frameAt(file, 4.1))[1]).isGreaterThan(200);
    }

    @Test
    void emptyTransitionsAreHardCutsForEveryType() throws IOException {
        // (fast keeps each range's own timestamps, so only smart and mpegts run on from one to the next)
        for (String type : List.of("smart", "mpegts")) {
            Path file = cut("type=" + type + "&" + RED + "&" + BLUE + "&transition=", "video/MP2T");
            assertThat(Ffprobe.duration(file.toString())).as(type).isCloseTo(8.0, within(2 * FRAME));
        }
        cut("type=fast&" + RED + "&" + BLUE + "&transition=", "video/MP2T");
    }

    @Test
    void customTransitionsJoinRangesOfTheRightLength() throws IOException {
        for (String type : List.of("clockwipe", "diamondwipe", "starwipe")) {
            Path file = cut("type=smart&" + RED + "&" + BLUE + "&transition=" + type + ",1", "video/MP2T");
            assertThat(Ffprobe.duration(file.toString())).as(type).isCloseTo(7.0, within(2 * FRAME));
        }
    }

    @Test
    void transitionsAreValidated() {
        String q = "/cut/desertbus/colours.ts?type=mpegts&" + RED + "&" + BLUE;
        assertThat(server.getText(q + "&transition=nope,1").body()).contains("unknown transition type");
        assertThat(server.getText(q + "&transition=fade,-1").body()).contains("must be > 0");
        assertThat(server.getText(q + "&transition=fade,x").body()).contains("not a decimal");
        assertThat(server.getText(q + "&transition=fade,5").body()).contains("longer than a range");
        assertThat(server.getText(q + "&transition=fade,1&transition=").body()).contains("Too many transitions");
        assertThat(server.getText(q + "&transition=batman,1").body()).contains("unknown transition type");
        if (!XfadeSupport.supported("coverleft")) {
            assertThat(server.getText(q + "&transition=coverleft,1").body())
                    .contains("not supported by this node's ffmpeg");
        }
        assertThat(server.getText("/cut/desertbus/colours.ts?type=mp4&" + RED).statusCode())
                .isEqualTo(400);
    }

    @Test
    void cutTimingsAreExportedPerType() throws IOException {
        cut("type=mpegts&" + RED + "&" + BLUE + "&transition=fade,1", "video/MP2T");
        assertThat(server.metrics())
                .contains("cut_latency_normalized_count{cut_type=\"mpegts\",error=\"\"}")
                .contains("cut_range_latency_count{cut_type=\"mpegts\",error=\"\"}");
    }
}
