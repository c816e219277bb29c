package org.wubloader.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadlessChromiumTest {
    @TempDir
    Path dir;

    @Test
    void loadsAPageEvaluatesWaitsAndTakesAScreenshot() throws Exception {
        Path page = dir.resolve("page.html");
        Files.writeString(
                page,
                "<!doctype html><title>probe</title>"
                        + "<body style='background:#ff0000;margin:0'>"
                        + "<script>setTimeout(() => { window.ready = 6 * 7; }, 300);</script></body>");
        try (HeadlessChromium browser = HeadlessChromium.open(page.toUri().toString())) {
            assertThat(browser.evaluate("document.title")).isEqualTo("probe");
            browser.waitFor("window.ready === 42", Duration.ofSeconds(10));
            assertThat(browser.evaluate("window.ready")).isEqualTo(42L);
            Path shot = dir.resolve("shots/page.png");
            browser.screenshot(shot);
            BufferedImage image = ImageIO.read(shot.toFile());
            assertThat(image.getWidth()).isPositive();
            assertThat(image.getRGB(10, 10) & 0xffffff).isEqualTo(0xff0000);
        }
    }

    @Test
    void waitingForAConditionThatNeverHoldsFails() throws Exception {
        Path page = dir.resolve("page.html");
        Files.writeString(page, "<!doctype html><title>never</title>");
        try (HeadlessChromium browser = HeadlessChromium.open(page.toUri().toString())) {
            assertThatThrownBy(() -> browser.waitFor("window.never === true", Duration.ofMillis(500)))
                    .hasMessageContaining("window.never === true");
        }
    }
}
