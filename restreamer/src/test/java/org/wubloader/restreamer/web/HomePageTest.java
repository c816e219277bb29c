package org.wubloader.restreamer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HomePageTest {
    @Test
    void everyQualityGetsAPlayerOnItsPlaylistAndItsCoverageMap() {
        String page = HomePage.render(
                "node",
                List.of(
                        new HomePage.Stream("desertbus", "source", true),
                        new HomePage.Stream("desertbus", "480p", false)));
        assertThat(page)
                .contains("<script src=\"/web/hls.min.js\"></script>")
                .contains("data-src=\"/playlist/desertbus/source.m3u8\"", "data-src=\"/playlist/desertbus/480p.m3u8\"")
                .contains("src=\"/segments/coverage-maps/desertbus_source_coverage.png\"")
                .contains("No coverage map yet (segment-coverage writes coverage-maps/desertbus_480p_coverage.png)");
        assertThat(page.indexOf("<h2>desertbus</h2>")).isEqualTo(page.lastIndexOf("<h2>desertbus</h2>"));
    }

    @Test
    void namesAreEscaped() {
        assertThat(HomePage.render("<x>", List.of(new HomePage.Stream("a\"b", "q", false))))
                .contains("<title>&lt;x&gt;</title>")
                .contains("a&quot;b")
                .doesNotContain("a\"b");
    }

    @Test
    void aNodeWithoutChannelsSaysSo() {
        assertThat(HomePage.render("node", List.of())).contains("No segments yet");
    }

    @Test
    void hlsJsComesFromItsWebjar() {
        WebAssets assets = WebAssets.load();
        assertThat(assets.hlsJsVersion()).isEqualTo("1.4.12");
        assertThat(new String(assets.hlsJs(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("isSupported", "loadSource");
    }
}
