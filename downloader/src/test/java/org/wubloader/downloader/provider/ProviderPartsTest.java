package org.wubloader.downloader.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wubloader.downloader.hls.HlsParser;
import org.wubloader.downloader.hls.MasterPlaylist;

class ProviderPartsTest {
    private static final URI BASE = URI.create("https://usher.example/api/channel/hls/db.m3u8");

    private static MasterPlaylist twitchSample() throws Exception {
        Path sample = Path.of("src/test/resources/hls/twitch-master.m3u8");
        return HlsParser.parseMaster(Files.readString(sample, StandardCharsets.UTF_8), BASE);
    }

    @Test
    void twitchQualitiesMapByExactNameAndSourceByItsMark() throws Exception {
        QualitySelection.Selection s =
                QualitySelection.twitch(twitchSample(), List.of("source", "720p60", "480p", "audio_only", "1080p"));
        assertThat(s.urls().keySet()).containsExactly("source", "720p60", "480p", "audio_only");
        assertThat(s.urls().get("source").toString()).endsWith("CuEEsource.m3u8");
        assertThat(s.urls().get("audio_only")).isEqualTo(BASE.resolve("audio_only.m3u8"));
    }

    @Test
    void unnamedVariantsAreSkippedNotFatal() {
        MasterPlaylist master = HlsParser.parseMaster("""
                #EXTM3U
                #EXT-X-STREAM-INF:BANDWIDTH=1
                unnamed.m3u8
                #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="g",NAME="1080p (source)"
                #EXT-X-STREAM-INF:BANDWIDTH=2,VIDEO="g"
                src.m3u8
                """, BASE);
        QualitySelection.Selection s = QualitySelection.twitch(master, List.of("source"));
        assertThat(s.urls()).containsEntry("source", BASE.resolve("src.m3u8"));
        assertThat(s.warnings()).anyMatch(w -> w.contains("unnamed"));
    }

    @Test
    void duplicateNamesKeepTheFirst() {
        MasterPlaylist master = HlsParser.parseMaster("""
                #EXTM3U
                #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="a",NAME="720p"
                #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="b",NAME="720p"
                #EXT-X-STREAM-INF:BANDWIDTH=1,VIDEO="a"
                first.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=1,VIDEO="b"
                second.m3u8
                """, BASE);
        assertThat(QualitySelection.twitch(master, List.of("720p")).urls())
                .containsEntry("720p", BASE.resolve("first.m3u8"));
    }

    @Test
    void sourceNeedsExactlyOneMarkedVariant() {
        MasterPlaylist master = HlsParser.parseMaster("""
                #EXTM3U
                #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="a",NAME="720p"
                #EXT-X-STREAM-INF:BANDWIDTH=1,VIDEO="a"
                a.m3u8
                """, BASE);
        assertThatThrownBy(() -> QualitySelection.twitch(master, List.of("source")))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("(source)");
        assertThat(QualitySelection.twitch(master, List.of("720p")).urls()).hasSize(1);
    }

    @Test
    void noVariantsIsAClearError() {
        MasterPlaylist empty = HlsParser.parseMaster("#EXTM3U\n", BASE);
        assertThatThrownBy(() -> QualitySelection.twitch(empty, List.of("source")))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("no variants");
        assertThatThrownBy(() -> QualitySelection.firstVariant(empty, "x"))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("no variants");
    }

    @Test
    void accessTokenQueryIsThePersistedQueryOfTheWebPlayer() throws Exception {
        JsonNode body = new ObjectMapper().readTree(TwitchProvider.accessTokenQuery("desertbus"));
        assertThat(body.path("operationName").asText()).isEqualTo("PlaybackAccessToken");
        assertThat(body.path("extensions")
                        .path("persistedQuery")
                        .path("version")
                        .asInt())
                .isEqualTo(1);
        assertThat(body.path("extensions")
                        .path("persistedQuery")
                        .path("sha256Hash")
                        .asText())
                .isEqualTo("ed230aa1e33e07eebb8928504583da78a5173989fadfb1ac94be06a04f3cdbe9");
        JsonNode vars = body.path("variables");
        assertThat(vars.path("isLive").asBoolean()).isTrue();
        assertThat(vars.path("login").asText()).isEqualTo("desertbus");
        assertThat(vars.path("isVod").asBoolean()).isFalse();
        assertThat(vars.path("vodID").asText()).isEmpty();
        assertThat(vars.path("playerType").asText()).isEqualTo("embed");
        assertThat(vars.path("platform").asText()).isEqualTo("site");
    }

    @Test
    void accessTokenResponseWithoutATokenIsAClearError() {
        assertThat(TwitchProvider.parseToken(
                        "{\"data\":{\"streamPlaybackAccessToken\":{\"signature\":\"s\",\"value\":\"v\"}}}"))
                .isEqualTo(new TwitchProvider.Token("s", "v"));
        assertThatThrownBy(() -> TwitchProvider.parseToken("{\"data\":{\"streamPlaybackAccessToken\":null}}"))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("no playback access token");
        assertThatThrownBy(() -> TwitchProvider.parseToken("<html>"))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void ytDlpOutputGivesTheUrlFieldOrAClearError() {
        assertThat(YoutubeProvider.parseUrl("{\"id\":\"x\",\"url\":\"https://m.example/p.m3u8\"}"))
                .isEqualTo(URI.create("https://m.example/p.m3u8"));
        assertThatThrownBy(() -> YoutubeProvider.parseUrl("ERROR: this live event will begin in 3 hours"))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("not JSON")
                .hasMessageContaining("will begin");
        assertThatThrownBy(() -> YoutubeProvider.parseUrl("{\"id\":\"x\"}")).hasMessageContaining("no 'url'");
    }

    @Test
    void limitsAreTheSpecsTable() {
        assertThat(ProviderLimits.URL.maxGetters()).isEqualTo(64);
        assertThat(ProviderLimits.YOUTUBE.maxGetters()).isEqualTo(4);
        assertThat(ProviderLimits.TWITCH.skewDetection()).isTrue();
        assertThat(ProviderLimits.URL.skewDetection()).isFalse();
        assertThat(Map.of(
                        "twitch",
                        ProviderLimits.TWITCH.maxWorkerAge().toHours(),
                        "youtube",
                        ProviderLimits.YOUTUBE.maxWorkerAge().toHours()))
                .containsEntry("twitch", 20L)
                .containsEntry("youtube", 5L);
    }
}
