package org.wubloader.restreamer.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.exec.Ffmpeg;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.testing.TestMedia;
import org.wubloader.restreamer.Restreamer;
import org.wubloader.restreamer.playlist.PlaylistLimits;
import org.wubloader.restreamer.testing.RawClient;
import org.wubloader.restreamer.testing.TestServer;

/** Waveforms, frames and thumbnails of real ffmpeg-made segments. */
class ImagesHttpTest {
    private static final long T0 = SegmentTree.at("2019-11-13T02:00:00");
    private static final String RANGE = "start=2019-11-13T02:00:00&end=2019-11-13T02:00:10";

    @TempDir
    static Path base;

    @TempDir
    static Path work;

    static TestServer server;
    static List<Path> segments;
    static final TemplateSource.Template TEMPLATE = new TemplateSource.Template(
            template(200, 100, new Box(20, 10, 180, 90)), new Box(0, 0, 320, 180), new Box(20, 10, 180, 90));
    static volatile boolean databaseDown;

    @BeforeAll
    static void start() throws Exception {
        SegmentTree tree = new SegmentTree(base);
        segments = TestMedia.place(tree, "desertbus", "source", T0, TestMedia.segments(10));
        // the same video without audio
        for (int i = 0; i < 3; i++) {
            Path silent = work.resolve("silent" + i + ".ts");
            ffmpeg("-i", segments.get(i).toString(), "-an", "-c", "copy", "-f", "mpegts", silent.toString());
            tree.write(
                    "desertbus",
                    "silent",
                    T0 + i * 2_000_000L,
                    2.0,
                    org.wubloader.common.segment.SegmentType.FULL,
                    Files.readAllBytes(silent));
        }
        TemplateSource templates = name -> {
            if (databaseDown) {
                throw new TemplateSource.UnavailableException("connection refused", null);
            }
            return name.equals("banner") ? TEMPLATE : null;
        };
        server = TestServer.start(base, new Restreamer.Settings(1, templates, PlaylistLimits.defaults()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void ffmpeg(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(Ffmpeg.QUIET);
        command.add("-y");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    /** An opaque red PNG, transparent inside {@code hole}. */
    static byte[] template(int width, int height, Box hole) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width, height);
        g.dispose();
        for (int y = hole.top(); y < hole.bottom(); y++) {
            for (int x = hole.left(); x < hole.right(); x++) {
                image.setRGB(x, y, 0);
            }
        }
        return png(image);
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BufferedImage image(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image).as("a decodable PNG").isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void status(String target, int status, String reason) {
        var r = server.getText(target);
        assertThat(r.statusCode()).as(target + ": " + r.body()).isEqualTo(status);
        assertThat(r.body()).as(target).contains(reason);
    }

    @Test
    void waveformIsATransparentPngOfTheRequestedSizeWithBlackWaves() {
        var r = server.get("/waveform/desertbus/source.png?" + RANGE + "&size=300x40");
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = image(r.body());
        assertThat(image.getWidth()).isEqualTo(300);
        assertThat(image.getHeight()).isEqualTo(40);
        int transparent = 0;
        int black = 0;
        for (int x = 0; x < 300; x++) {
            for (int y = 0; y < 40; y++) {
                int argb = image.getRGB(x, y);
                if ((argb >>> 24) == 0) {
                    transparent++;
                } else if ((argb & 0xffffff) == 0) {
                    black++;
                }
            }
        }
        // a 440 Hz sine: a band of black across the middle, transparent above and below
        assertThat(black).isGreaterThan(300 * 5);
        assertThat(transparent).isGreaterThan(300 * 5);
        assertThat(image.getRGB(150, 20) & 0xffffff).isZero();
    }

    @Test
    void waveformDefaultsTo1024x64() {
        BufferedImage image =
                image(server.get("/waveform/desertbus/source.png?" + RANGE).body());
        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(image.getHeight()).isEqualTo(64);
    }

    @Test
    void waveformRejectsBadInput() {
        status("/waveform/desertbus/source.png?end=2019-11-13T02:00:10", 400, "start");
        status(
                "/waveform/desertbus/source.png?start=2019-11-13T02:00:10&end=2019-11-13T02:00:10",
                400,
                "end must be after start");
        status("/waveform/desertbus/source.png?start=2019-11-13T02:00:00&end=2019-11-13T08:00:01", 400, "6h");
        status("/waveform/desertbus/source.png?" + RANGE + "&size=big", 400, "Invalid size");
        status(
                "/waveform/desertbus/source.png?" + RANGE + "&size=0x64",
                400,
                "Image size must be between 1x1 and 4096x4096");
        status(
                "/waveform/desertbus/source.png?" + RANGE + "&size=4097x64",
                400,
                "Image size must be between 1x1 and 4096x4096");
        status("/waveform/desertbus/nope.png?" + RANGE, 404, "no such channel or quality");
        status("/waveform/desertbus/source.png?start=2019-11-13T03:00:00&end=2019-11-13T03:00:10", 406, "no content");
        status("/waveform/desertbus/silent.png?start=2019-11-13T02:00:00&end=2019-11-13T02:00:04", 406, "no audio");
    }

    @Test
    void frameIsTheFirstFrameAtOrAfterTheTimestampAtFullSize() throws Exception {
        // 02:00:03.50 is 1.5 s into the second segment: frame 38 (1.52 s) at 25 fps
        var r = server.get("/frame/desertbus/source.png?timestamp=2019-11-13T02:00:03.50");
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        Path reference = work.resolve("frame38.png");
        ffmpeg("-i", segments.get(1).toString(), "-vf", "select=eq(n\\,38)", "-frames:v", "1", reference.toString());
        Path before = work.resolve("frame37.png");
        ffmpeg("-i", segments.get(1).toString(), "-vf", "select=eq(n\\,37)", "-frames:v", "1", before.toString());
        BufferedImage frame = image(r.body());
        assertThat(frame.getWidth()).isEqualTo(320);
        assertThat(frame.getHeight()).isEqualTo(180);
        assertThat(samePixels(frame, ImageIO.read(reference.toFile()))).isTrue();
        assertThat(samePixels(frame, ImageIO.read(before.toFile()))).isFalse();
    }

    @Test
    void frameOnASegmentEdgeIsFound() {
        assertThat(server.get("/frame/desertbus/source.png?timestamp=2019-11-13T02:00:04")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void frameRejectsBadInput() {
        status("/frame/desertbus/source.png", 400, "timestamp");
        status("/frame/desertbus/source.png?timestamp=soon", 400, "timestamp");
        status("/frame/desertbus/source.png?timestamp=2019-11-13T02:00:25", 406, "No frame");
        status("/frame/nobody/source.png?timestamp=2019-11-13T02:00:02", 404, "no such channel");
        status("/frame/desertbus/source.jpg?timestamp=2019-11-13T02:00:02", 404, ".png");
    }

    static boolean samePixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if ((a.getRGB(x, y) & 0xffffff) != (b.getRGB(x, y) & 0xffffff)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The template is opaque red outside its hole; inside, the frame shows, opaque, scaled into the box. */
    private static void assertComposed(byte[] png) {
        BufferedImage thumb = image(png);
        assertThat(thumb.getWidth()).isEqualTo(200);
        assertThat(thumb.getHeight()).isEqualTo(100);
        assertThat(thumb.getRGB(5, 5)).isEqualTo(0xffff0000);
        assertThat(thumb.getRGB(195, 95)).isEqualTo(0xffff0000);
        int notRed = 0;
        for (int y = 10; y < 90; y++) {
            for (int x = 20; x < 180; x++) {
                int argb = thumb.getRGB(x, y);
                assertThat(argb >>> 24).as("alpha at %d,%d", x, y).isEqualTo(255);
                if (argb != 0xffff0000) {
                    notRed++;
                }
            }
        }
        assertThat(notRed).isGreaterThan(160 * 80 / 2);
    }

    @Test
    void postedTemplateIsCompositedOverTheCroppedScaledFrame() {
        var r = server.post(
                "/thumbnail/desertbus/source.png?timestamp=2019-11-13T02:00:03&crop=0,0,320,180&location=20,10,180,90",
                TEMPLATE.image());
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        assertComposed(r.body());
    }

    @Test
    void postedThumbnailRejectsBadInput() {
        String q = "/thumbnail/desertbus/source.png?timestamp=2019-11-13T02:00:03";
        byte[] t = TEMPLATE.image();
        assertThat(server.post(q + "&crop=0,0,320,180", t).statusCode()).isEqualTo(400);
        assertThat(new String(server.post(q + "&crop=0,0,320,180&location=20,10,180,90", "GIF89a".getBytes())
                        .body()))
                .contains("not a PNG");
        assertThat(new String(server.post(q + "&crop=0,0,400,180&location=20,10,180,90", t)
                        .body()))
                .contains("outside the frame");
        assertThat(new String(server.post(q + "&crop=0,0,320,180&location=20,10,280,90", t)
                        .body()))
                .contains("outside the template");
        assertThat(new String(server.post(q + "&crop=10,0,5,180&location=20,10,180,90", t)
                        .body()))
                .contains("right must be > left");
        var tooBig = server.post(q + "&crop=0,0,320,180&location=20,10,180,90", new byte[(10 << 20) + 1]);
        assertThat(tooBig.statusCode()).isEqualTo(413);
    }

    @Test
    void namedTemplateComesFromTheDatabaseAndQueryBoxesOverrideIt() {
        var r = server.get("/thumbnail/desertbus/source.png?timestamp=2019-11-13T02:00:03&template=banner");
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertComposed(r.body());
        status(
                "/thumbnail/desertbus/source.png?timestamp=2019-11-13T02:00:03&template=banner&location=0,0,300,90",
                400,
                "outside the template");
        status("/thumbnail/desertbus/source.png?timestamp=2019-11-13T02:00:03&template=nope", 404, "nope");
        status("/thumbnail/desertbus/source.png?timestamp=2019-11-13T02:00:03", 400, "template");
        databaseDown = true;
        try {
            status(
                    "/thumbnail/desertbus/source.png?timestamp=2019-11-13T02:00:03&template=banner",
                    503,
                    "connection refused");
            assertThat(server.get("/frame/desertbus/source.png?timestamp=2019-11-13T02:00:03")
                            .statusCode())
                    .isEqualTo(200);
        } finally {
            databaseDown = false;
        }
    }

    @Test
    void namedTemplateWithoutADatabaseIs501() throws Exception {
        Path empty = Files.createTempDirectory(work, "nodb");
        try (TestServer plain = TestServer.start(empty)) {
            var r = plain.getText("/thumbnail/desertbus/source.png?timestamp=2019-11-13T02:00:03&template=banner");
            assertThat(r.statusCode()).isEqualTo(501);
            assertThat(r.body()).contains("A database connection is required to generate thumbnails");
        }
    }

    @Test
    void heavyWorkBeyondTheLimitIs503WithRetryAfter() throws IOException {
        // limit 1: a lossless cut whose client reads nothing holds the only slot
        try (RawClient client = RawClient.get(
                server.port(),
                "/cut/desertbus/source.ts?type=mpegts&start=2019-11-13T02:00:00.5&end=2019-11-13T02:00:19")) {
            assertThat(client.readHead()).startsWith("HTTP/1.1 200");
            var refused = server.getText("/frame/desertbus/source.png?timestamp=2019-11-13T02:00:03");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(server.getText("/waveform/desertbus/source.png?" + RANGE).statusCode())
                    .isEqualTo(503);
            // light work is not limited
            assertThat(server.get("/cut/desertbus/source.ts?type=rough&" + RANGE)
                            .statusCode())
                    .isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> server.get("/frame/desertbus/source.png?timestamp=2019-11-13T02:00:03")
                                .statusCode()
                        == 200);
    }

    @Test
    void imageTimingsAreExported() {
        server.get("/frame/desertbus/source.png?timestamp=2019-11-13T02:00:03");
        server.get("/waveform/desertbus/source.png?" + RANGE);
        String metrics = server.metrics();
        assertThat(metrics)
                .contains("extract_frame_latency_count{error=\"\"}")
                .contains("waveform_latency_normalized_count{error=\"\"}")
                .contains("get_best_segments_latency_count{error=\"\",has_holes=\"False\"");
    }
}
