package org.wubloader.restreamer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.testing.HeadlessChromium;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.testing.TestMedia;
import org.wubloader.common.time.Micros;
import org.wubloader.restreamer.testing.TestServer;

/** The node's page in a real browser: the player plays, the coverage map shows. */
class HomePageBrowserTest {
    /** Kept after the run (target/), to look at. */
    static final Path SCREENSHOT = Path.of("target/screenshots/home-page.png");

    @TempDir
    Path base;

    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void thePagePlaysEachQualityAndShowsItsCoverageMap() throws Exception {
        // 20 s of real video that ended a moment ago, and a coverage map as segment-coverage writes it.
        List<Path> media = TestMedia.segments(10);
        TestMedia.place(new SegmentTree(base), "desertbus", "source", Micros.now() - 25_000_000L, media);
        BufferedImage map = new BufferedImage(6, 300, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 300; y++) {
            map.setRGB(0, y, new Color(31, 119, 180).getRGB());
            for (int x = 1; x < 6; x++) {
                map.setRGB(x, y, Color.WHITE.getRGB());
            }
        }
        Files.createDirectories(base.resolve("coverage-maps"));
        ImageIO.write(
                map,
                "png",
                base.resolve("coverage-maps/desertbus_source_coverage.png").toFile());
        server = TestServer.start(base);

        HttpResponse<String> page = server.getText("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(server.get("/web/hls.min.js").statusCode()).isEqualTo(200);

        try (HeadlessChromium browser = HeadlessChromium.open(server.url("/"))) {
            browser.waitFor("document.querySelector('video.player').currentTime > 1.5", Duration.ofSeconds(30));
            browser.waitFor("document.querySelector('img.map').complete", Duration.ofSeconds(10));
            assertThat(((Number) browser.evaluate("document.querySelector('img.map').naturalHeight")).intValue())
                    .isEqualTo(300);
            assertThat(browser.evaluate("document.querySelector('video.player').dataset.stream"))
                    .isEqualTo("desertbus/source");
            browser.screenshot(SCREENSHOT);
        }
        assertThat(SCREENSHOT).exists();
    }
}
