package org.wubloader.downloader.hls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdDetectionTest {
    private static final URI BASE = URI.create("https://edge.example.net/v1/playlist/abc.m3u8");

    private static MediaPlaylist parse(String text) {
        return HlsParser.parseMedia(text, BASE);
    }

    private static List<Boolean> ads(MediaPlaylist playlist) {
        return playlist.segments().stream().map(MediaSegment::ad).toList();
    }

    /** A dated "live" segment starting {@code second} seconds after 22:13:00. */
    private static String dated(int second, String name) {
        return "#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:%02d.000Z\n#EXTINF:2.000,live\n%s.ts\n"
                .formatted(second, name);
    }

    private static String stitched(String startSecond, String extra) {
        return "#EXT-X-DATERANGE:ID=\"stitched-ad-1\",CLASS=\"twitch-stitched-ad\",START-DATE=\"2023-11-14T22:13:"
                + startSecond + "Z\"" + extra + ",X-TV-TWITCH-AD-URL=\"https://ads.example/a?x=1,y=2\"\n";
    }

    @Test
    void scte35RegionMarksAds() {
        MediaPlaylist playlist = parse("""
                #EXTM3U
                #EXTINF:2,
                a.ts
                #EXT-X-SCTE35-OUT:URL="https://ads.example/break1",DURATION=4
                #EXTINF:2,
                b.ts
                #EXTINF:2,
                c.ts
                #EXT-X-SCTE35-IN
                #EXTINF:2,
                d.ts
                """);
        assertThat(ads(playlist)).containsExactly(false, true, true, false);
        assertThat(playlist.segments())
                .extracting(MediaSegment::adReason)
                .containsExactly(null, "https://ads.example/break1", "https://ads.example/break1", null);
    }

    @Test
    void scte35RegionWithoutUrlHasUnknownReason() {
        MediaPlaylist playlist = parse(
                "#EXTM3U\n#EXT-X-SCTE35-OUT\n#EXTINF:2,\na.ts\n#EXT-X-SCTE35-OUT:CUE=\"/DA0AAAA\"\n#EXTINF:2,\nb.ts\n");
        assertThat(playlist.segments()).extracting(MediaSegment::adReason).containsExactly("unknown", "unknown");
    }

    @Test
    void malformedScte35AttributesStillOpenARegion() {
        MediaPlaylist playlist = parse("#EXTM3U\n#EXT-X-SCTE35-OUT:URL=\"unterminated\n#EXTINF:2,\na.ts\n");
        assertThat(playlist.segments()).extracting(MediaSegment::adReason).containsExactly("unknown");
        assertThat(playlist.warnings()).singleElement().asString().startsWith("line 2:");
    }

    @Test
    void scte35RegionDoesNotCarryOverBetweenParses() {
        assertThat(ads(parse("#EXTM3U\n#EXT-X-SCTE35-OUT\n#EXTINF:2,\na.ts\n"))).containsExactly(true);
        assertThat(ads(parse("#EXTM3U\n#EXTINF:2,\nb.ts\n"))).containsExactly(false);
    }

    @Test
    void amazonTitleIsAnAd() {
        MediaPlaylist playlist = parse("#EXTM3U\n#EXTINF:2.000,Amazon|123\na.ts\n#EXTINF:2.000,Amazon\nb.ts\n");
        assertThat(ads(playlist)).containsExactly(true, true);
        assertThat(playlist.segments().get(0).adReason()).isEqualTo("title Amazon|123");
    }

    @Test
    void otherTitlesAreNotAds() {
        MediaPlaylist playlist = parse(
                "#EXTM3U\n#EXTINF:2,live\na.ts\n#EXTINF:2,amazon|1\nb.ts\n#EXTINF:2,An Amazon\nc.ts\n#EXTINF:2\nd.ts\n");
        assertThat(ads(playlist)).containsExactly(false, false, false, false);
    }

    @Test
    void twitchStitchedAdDaterangeMarksAds() {
        MediaPlaylist playlist = parse("#EXTM3U\n"
                + dated(20, "c1")
                + stitched("22.000", ",DURATION=4.000")
                + dated(22, "ad1")
                + dated(24, "ad2")
                + dated(26, "c2"));
        assertThat(ads(playlist)).containsExactly(false, true, true, false);
        assertThat(playlist.segments().get(1).adReason()).isEqualTo("twitch-stitched-ad stitched-ad-1");
    }

    @Test
    void stitchedAdRangeIsHalfOpenAndJudgedBySegmentStart() {
        // Starts at 21.5: c1 (20–22) starts before it; the segment at 25.5 is at its end.
        MediaPlaylist playlist = parse("#EXTM3U\n"
                + stitched("21.500", ",DURATION=4")
                + dated(20, "c1")
                + "#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:21.500Z\n#EXTINF:2,live\nad1.ts\n"
                + "#EXTINF:2,live\nad2.ts\n"
                + "#EXTINF:2,live\nc2.ts\n");
        assertThat(ads(playlist)).containsExactly(false, true, true, false);
    }

    @Test
    void stitchedAdRangeUsesComputedStartsOfUndatedSegments() {
        MediaPlaylist playlist = parse("#EXTM3U\n"
                + dated(20, "c1")
                + "#EXTINF:2,live\nc2.ts\n"
                + stitched("24.000", ",DURATION=2.0")
                + "#EXTINF:2,live\nad1.ts\n"
                + "#EXTINF:2,live\nc3.ts\n");
        assertThat(ads(playlist)).containsExactly(false, false, true, false);
    }

    @Test
    void stitchedAdRangeCanUseEndDate() {
        MediaPlaylist playlist = parse("#EXTM3U\n"
                + stitched("22.000", ",END-DATE=\"2023-11-14T22:13:26.000Z\"")
                + dated(20, "c1") + dated(22, "ad1") + dated(24, "ad2") + dated(26, "c2"));
        assertThat(ads(playlist)).containsExactly(false, true, true, false);
    }

    @Test
    void stitchedAdRangeFallsBackToPlannedDuration() {
        MediaPlaylist playlist = parse("#EXTM3U\n"
                + stitched("22.000", ",PLANNED-DURATION=2")
                + dated(20, "c1") + dated(22, "ad1") + dated(24, "c2"));
        assertThat(ads(playlist)).containsExactly(false, true, false);
    }

    @Test
    void stitchedAdRangeWithoutDurationEndsAtTheSpliceBackToContent() {
        MediaPlaylist playlist = parse("#EXTM3U\n"
                + dated(20, "c1")
                + stitched("22.000", "")
                + "#EXT-X-DISCONTINUITY\n"
                + dated(22, "ad1")
                + dated(24, "ad2")
                + "#EXT-X-DISCONTINUITY\n"
                + dated(26, "c2")
                + dated(28, "c3"));
        assertThat(ads(playlist)).containsExactly(false, true, true, false, false);
    }

    @Test
    void stitchedAdRangeWithoutDurationRunsToTheEndOfThePlaylistOnly() {
        String open = "#EXTM3U\n" + dated(20, "c1") + stitched("22.000", "") + dated(22, "ad1") + dated(24, "ad2");
        assertThat(ads(parse(open))).containsExactly(false, true, true);
        assertThat(ads(parse("#EXTM3U\n" + dated(26, "c2")))).containsExactly(false);
    }

    @Test
    void stitchedAdRangeInAnUndatedPlaylistStartsAtItsTag() {
        MediaPlaylist playlist = parse("""
                #EXTM3U
                #EXTINF:2,live
                c1.ts
                #EXT-X-DATERANGE:ID="ad",CLASS="twitch-stitched-ad",START-DATE="2023-11-14T22:13:22Z",DURATION=4
                #EXTINF:2,live
                ad1.ts
                #EXTINF:2,live
                ad2.ts
                #EXTINF:2,live
                c2.ts
                """);
        assertThat(ads(playlist)).containsExactly(false, true, true, false);
    }

    @Test
    void stitchedAdRangeWithBadStartDateStartsAtItsTagAndWarns() {
        MediaPlaylist playlist = parse("#EXTM3U\n"
                + dated(20, "c1")
                + "#EXT-X-DATERANGE:ID=\"ad\",CLASS=\"twitch-stitched-ad\",START-DATE=\"soon\",DURATION=2\n"
                + dated(22, "ad1") + dated(24, "c2"));
        assertThat(ads(playlist)).containsExactly(false, true, false);
        assertThat(playlist.warnings()).singleElement().asString().contains("START-DATE");
    }

    @Test
    void otherDaterangeClassesAreNotAds() {
        MediaPlaylist playlist = parse("#EXTM3U\n"
                + "#EXT-X-DATERANGE:ID=\"s\",CLASS=\"twitch-stream-source\",START-DATE=\"2023-11-14T22:13:20Z\",DURATION=60\n"
                + "#EXT-X-DATERANGE:ID=\"n\",START-DATE=\"2023-11-14T22:13:20Z\",DURATION=60\n"
                + dated(20, "c1") + dated(22, "c2"));
        assertThat(ads(playlist)).containsExactly(false, false);
    }

    @Test
    void severalDaterangesBeforeOneSegmentAreAllKept() {
        MediaPlaylist playlist = parse("#EXTM3U\n"
                + "#EXT-X-DATERANGE:ID=\"a\",CLASS=\"twitch-session\",START-DATE=\"2023-11-14T22:13:20Z\"\n"
                + "#EXT-X-DATERANGE:ID=\"b\",CLASS=\"twitch-stitched-ad\",START-DATE=\"2023-11-14T22:13:20Z\","
                + "DURATION=2.5,X-TV-TWITCH-AD-POD-POSITION=\"0\"\n"
                + "#EXT-X-DATERANGE:ID=\"c\",CLASS=\"twitch-stitched-ad\",START-DATE=\"2023-11-14T22:13:22.5Z\",DURATION=2\n"
                + dated(20, "ad1") + dated(22, "ad2") + dated(24, "ad3") + dated(26, "c1"));
        assertThat(playlist.dateRanges()).extracting(DateRange::id).containsExactly("a", "b", "c");
        DateRange b = playlist.dateRanges().get(1);
        assertThat(b.startDate()).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
        assertThat(b.duration()).isEqualTo(Duration.ofMillis(2500));
        assertThat(b.attributes()).containsEntry("X-TV-TWITCH-AD-POD-POSITION", "0");
        assertThat(playlist.segments())
                .extracting(MediaSegment::adReason)
                .containsExactly("twitch-stitched-ad b", "twitch-stitched-ad b", "twitch-stitched-ad c", null);
    }

    @Test
    void malformedDaterangeIsOnlyAWarning() {
        MediaPlaylist playlist =
                parse("#EXTM3U\n#EXT-X-DATERANGE:ID=\"x,CLASS=\"twitch-stitched-ad\n" + dated(20, "c1"));
        assertThat(playlist.segments()).hasSize(1);
        assertThat(playlist.dateRanges()).isEmpty();
        assertThat(playlist.warnings())
                .singleElement()
                .asString()
                .startsWith("line 2:")
                .contains("DATERANGE");
    }

    @Test
    void scte35ReasonWinsOverDaterangeAndTitle() {
        MediaPlaylist playlist = parse("#EXTM3U\n"
                + stitched("20.000", ",DURATION=4")
                + "#EXT-X-SCTE35-OUT:URL=\"scte\"\n"
                + "#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:20Z\n#EXTINF:2,Amazon|1\nad1.ts\n"
                + "#EXT-X-SCTE35-IN\n"
                + "#EXTINF:2,Amazon|1\nad2.ts\n"
                + "#EXTINF:2,Amazon|1\nad3.ts\n");
        assertThat(playlist.segments())
                .extracting(MediaSegment::adReason)
                .containsExactly("scte", "twitch-stitched-ad stitched-ad-1", "title Amazon|1");
    }
}
