package org.wubloader.downloader.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MasterPlaylistParsingTest {
    private static final URI BASE = URI.create("https://usher.example.net/api/channel/hls/chan.m3u8?sig=1");

    private static MasterPlaylist parse(String text) {
        return HlsParser.parseMaster(text, BASE);
    }

    @Test
    void variantsComeFromStreamInfAndTheNextUri() {
        MasterPlaylist playlist = parse("""
                #EXTM3U
                #EXT-X-STREAM-INF:BANDWIDTH=6000000
                https://weaver.example.net/high.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=1000000

                low/index.m3u8
                """);
        assertThat(playlist.variants())
                .extracting(Variant::uri)
                .containsExactly(
                        URI.create("https://weaver.example.net/high.m3u8"),
                        URI.create("https://usher.example.net/api/channel/hls/low/index.m3u8"));
        assertThat(playlist.warnings()).isEmpty();
    }

    @Test
    void variantKeepsAllItsAttributes() {
        Variant variant = parse("""
                #EXTM3U
                #EXT-X-STREAM-INF:BANDWIDTH=3422999,RESOLUTION=1280x720,CODECS="avc1.4D401F,mp4a.40.2",VIDEO="720p60",FRAME-RATE=60.000
                v.m3u8
                """).variants().get(0);
        assertThat(variant.attributes())
                .containsExactly(
                        entry("BANDWIDTH", "3422999"),
                        entry("RESOLUTION", "1280x720"),
                        entry("CODECS", "avc1.4D401F,mp4a.40.2"),
                        entry("VIDEO", "720p60"),
                        entry("FRAME-RATE", "60.000"));
        assertThat(variant.bandwidth()).hasValue(3422999);
    }

    @Test
    void variantIsNamedAfterItsLinkedVideoRendition() {
        MasterPlaylist playlist = parse("""
                #EXTM3U
                #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="chunked",NAME="1080p60 (source)",AUTOSELECT=YES,DEFAULT=YES
                #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="720p60",NAME="720p60"
                #EXT-X-STREAM-INF:BANDWIDTH=2,VIDEO="720p60"
                b.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=1,VIDEO="chunked"
                a.m3u8
                """);
        assertThat(playlist.variants()).extracting(Variant::name).containsExactly("720p60", "1080p60 (source)");
    }

    @Test
    void variantWithoutLinkedVideoRenditionIsUnnamed() {
        MasterPlaylist playlist = parse("""
                #EXTM3U
                #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="other",NAME="other"
                #EXT-X-STREAM-INF:BANDWIDTH=1,VIDEO="missing"
                a.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=1
                b.m3u8
                """);
        assertThat(playlist.variants()).extracting(Variant::name).containsExactly(null, null);
    }

    @Test
    void emptyRenditionNamesAreSkippedAndTheFirstNonEmptyNameWins() {
        MasterPlaylist playlist = parse("""
                #EXTM3U
                #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="g",NAME=""
                #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="g"
                #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="g",NAME="first"
                #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="g",NAME="second"
                #EXT-X-STREAM-INF:BANDWIDTH=1,VIDEO="g"
                a.m3u8
                """);
        assertThat(playlist.variants()).extracting(Variant::name).containsExactly("first");
    }

    @Test
    void onlyVideoRenditionsNameVariants() {
        MasterPlaylist playlist = parse("""
                #EXTM3U
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="g",NAME="english",URI="audio.m3u8"
                #EXT-X-STREAM-INF:BANDWIDTH=1,VIDEO="g",AUDIO="g"
                a.m3u8
                """);
        assertThat(playlist.variants()).extracting(Variant::name).containsExactly((String) null);
        assertThat(playlist.warnings()).isEmpty();
    }

    @Test
    void linkedVideoRenditionWithItsOwnUriDrawsAWarning() {
        MasterPlaylist playlist = parse("""
                #EXTM3U
                #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="g",NAME="alt",URI="alt.m3u8"
                #EXT-X-STREAM-INF:BANDWIDTH=1,VIDEO="g"
                a.m3u8
                """);
        assertThat(playlist.variants()).extracting(Variant::name).containsExactly("alt");
        assertThat(playlist.warnings())
                .singleElement()
                .asString()
                .contains("alt.m3u8")
                .contains("ignored");
    }

    @Test
    void renditionsAreListedWithResolvedUris() {
        MasterPlaylist playlist = parse("""
                #EXTM3U
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="English",LANGUAGE="en",URI="audio/en.m3u8"
                #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="vid",NAME="720p"
                """);
        assertThat(playlist.media())
                .containsExactly(
                        new Rendition(
                                "AUDIO",
                                "aud",
                                "English",
                                URI.create("https://usher.example.net/api/channel/hls/audio/en.m3u8"),
                                Map.of(
                                        "TYPE",
                                        "AUDIO",
                                        "GROUP-ID",
                                        "aud",
                                        "NAME",
                                        "English",
                                        "LANGUAGE",
                                        "en",
                                        "URI",
                                        "audio/en.m3u8")),
                        new Rendition(
                                "VIDEO",
                                "vid",
                                "720p",
                                null,
                                Map.of("TYPE", "VIDEO", "GROUP-ID", "vid", "NAME", "720p")));
    }

    @Test
    void renditionWithoutTypeOrGroupIsAParseError() {
        assertThatThrownBy(() -> parse("#EXTM3U\n#EXT-X-MEDIA:NAME=\"x\"\n"))
                .isInstanceOf(PlaylistParseException.class)
                .hasMessage("line 2: EXT-X-MEDIA without TYPE or GROUP-ID");
    }

    @Test
    void masterWithoutVariantsIsEmpty() {
        assertThat(parse("#EXTM3U\n#EXT-X-VERSION:3\n").variants()).isEmpty();
        assertThat(parse("").variants()).isEmpty();
    }

    @Test
    void streamInfWithoutUriIsIgnoredWithAWarning() {
        MasterPlaylist playlist = parse(
                "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n#EXT-X-STREAM-INF:BANDWIDTH=2\nb.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=3\n");
        assertThat(playlist.variants())
                .extracting(v -> v.attributes().get("BANDWIDTH"))
                .containsExactly("2");
        assertThat(playlist.warnings()).hasSize(2);
    }

    @Test
    void uriWithoutStreamInfIsIgnoredWithAWarning() {
        MasterPlaylist playlist = parse("#EXTM3U\nstray.m3u8\n");
        assertThat(playlist.variants()).isEmpty();
        assertThat(playlist.warnings()).singleElement().asString().startsWith("line 2:");
    }

    @Test
    void mediaPlaylistIsRejectedAsMasterPlaylist() {
        assertThatThrownBy(() -> parse("#EXTM3U\n#EXTINF:2,\na.ts\n"))
                .isInstanceOf(PlaylistParseException.class)
                .hasMessage("line 2: this is a media playlist, not a master playlist");
    }

    @Test
    void masterMustStartWithExtm3u() {
        assertThatThrownBy(() -> parse("{\"error\":\"offline\"}"))
                .isInstanceOf(PlaylistParseException.class)
                .hasMessageStartingWith("line 1:")
                .hasMessageContaining("#EXTM3U");
    }

    @Test
    void malformedStreamInfIsAParseError() {
        assertThatThrownBy(() -> parse("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS=\"avc1\n"))
                .isInstanceOf(PlaylistParseException.class)
                .hasMessageStartingWith("line 2:")
                .hasMessageContaining("unterminated");
    }
}
