package org.wubloader.downloader.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MediaPlaylistParsingTest {
    private static final URI BASE = URI.create("https://edge.example.net/v1/playlist/abc/index.m3u8?token=x");

    private static MediaPlaylist parse(String text) {
        return HlsParser.parseMedia(text, BASE);
    }

    @Test
    void emptyDocumentIsAnEmptyPlaylist() {
        for (String text : new String[] {"", "  \n\n\t\r\n"}) {
            MediaPlaylist playlist = parse(text);
            assertThat(playlist.segments()).isEmpty();
            assertThat(playlist.endList()).isFalse();
            assertThat(playlist.warnings()).isEmpty();
        }
    }

    @Test
    void firstNonBlankLineMustStartWithExtm3u() {
        assertThatThrownBy(() -> parse("\n\n<html>not found</html>\n"))
                .isInstanceOf(PlaylistParseException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("#EXTM3U")
                .satisfies(e ->
                        assertThat(((PlaylistParseException) e).lineNumber()).isEqualTo(3));
    }

    @Test
    void headerMayFollowBlankLinesAndCarryTrailingText() {
        MediaPlaylist playlist = parse("\n  \n#EXTM3U extra\n#EXTINF:2.0,\na.ts\n");
        assertThat(playlist.segments()).hasSize(1);
    }

    @Test
    void parseErrorIsAnIllegalArgumentException() {
        assertThatThrownBy(() -> parse("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void extinfGivesDurationAndTitle() {
        MediaSegment segment =
                parse("#EXTM3U\n#EXTINF:2.002,live\na.ts\n").segments().get(0);
        assertThat(segment.duration()).isEqualTo(2.002);
        assertThat(segment.title()).isEqualTo("live");
    }

    @Test
    void extinfTitleIsOptional() {
        MediaPlaylist playlist = parse("#EXTM3U\n#EXTINF:2\na.ts\n#EXTINF:3.5,\nb.ts\n");
        assertThat(playlist.segments()).extracting(MediaSegment::duration).containsExactly(2.0, 3.5);
        assertThat(playlist.segments()).extracting(MediaSegment::title).containsExactly(null, null);
    }

    @Test
    void extinfTitleKeepsCommasAndPipes() {
        MediaSegment segment =
                parse("#EXTM3U\n#EXTINF:2.000,Amazon|1,2\na.ts\n").segments().get(0);
        assertThat(segment.title()).isEqualTo("Amazon|1,2");
    }

    @Test
    void unparseableExtinfDurationIsZeroWithAWarning() {
        MediaPlaylist playlist = parse("#EXTM3U\n#EXTINF:-1,x\na.ts\n#EXTINF:2.,y\nb.ts\n#EXTINF:1e3\nc.ts\n");
        assertThat(playlist.segments()).extracting(MediaSegment::duration).containsExactly(0.0, 0.0, 0.0);
        assertThat(playlist.warnings()).hasSize(3).first().asString().contains("line 2");
    }

    @Test
    void relativeUrisResolveAgainstPlaylistUrl() {
        MediaPlaylist playlist = parse("""
                #EXTM3U
                #EXTINF:2,
                seg1.ts
                #EXTINF:2,
                ../other/seg2.ts?x=1
                #EXTINF:2,
                /root/seg3.ts
                #EXTINF:2,
                https://cdn.example.org/seg4.ts
                """);
        assertThat(playlist.segments())
                .extracting(MediaSegment::uri)
                .containsExactly(
                        URI.create("https://edge.example.net/v1/playlist/abc/seg1.ts"),
                        URI.create("https://edge.example.net/v1/playlist/other/seg2.ts?x=1"),
                        URI.create("https://edge.example.net/root/seg3.ts"),
                        URI.create("https://cdn.example.org/seg4.ts"));
    }

    @Test
    void relativeUriResolvesAgainstUrlWithoutPath() {
        MediaPlaylist playlist =
                HlsParser.parseMedia("#EXTM3U\n#EXTINF:2,\nseg1.ts\n", URI.create("http://host.example:8080"));
        assertThat(playlist.segments().get(0).uri()).isEqualTo(URI.create("http://host.example:8080/seg1.ts"));
    }

    @Test
    void invalidUriIsAParseErrorNamingTheLine() {
        assertThatThrownBy(() -> parse("#EXTM3U\n#EXTINF:2,\nbad uri with spaces.ts\n"))
                .isInstanceOf(PlaylistParseException.class)
                .hasMessageStartingWith("line 3:")
                .hasMessageContaining("invalid URI");
    }

    @Test
    void programDateTimeAppliesToTheNextSegmentOnly() {
        MediaPlaylist playlist = parse("""
                #EXTM3U
                #EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:20.000Z
                #EXTINF:2,
                a.ts
                #EXTINF:2,
                b.ts
                """);
        assertThat(playlist.segments())
                .extracting(MediaSegment::programDateTime)
                .containsExactly(Instant.parse("2023-11-14T22:13:20Z"), null);
    }

    @Test
    void programDateTimeBetweenExtinfAndUriApplies() {
        // ffmpeg's HLS muxer writes the date after EXTINF.
        MediaSegment segment = parse(
                        "#EXTM3U\n#EXTINF:2.000000,\n#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:20.5Z\na.ts\n")
                .segments()
                .get(0);
        assertThat(segment.programDateTime()).isEqualTo(Instant.parse("2023-11-14T22:13:20.500Z"));
    }

    @Test
    void programDateTimeIsConvertedToUtc() {
        MediaPlaylist playlist = parse("""
                #EXTM3U
                #EXT-X-PROGRAM-DATE-TIME:2023-11-15T00:13:20.000+02:00
                #EXTINF:2,
                a.ts
                #EXT-X-PROGRAM-DATE-TIME:2023-11-14T17:13:22.000-0500
                #EXTINF:2,
                b.ts
                """);
        assertThat(playlist.segments())
                .extracting(MediaSegment::programDateTime)
                .containsExactly(Instant.parse("2023-11-14T22:13:20Z"), Instant.parse("2023-11-14T22:13:22Z"));
    }

    @Test
    void programDateTimeWithoutZoneIsUtc() {
        MediaSegment segment = parse("#EXTM3U\n#EXT-X-PROGRAM-DATE-TIME:2019-11-13T02:45:51.608\n#EXTINF:2,\na.ts\n")
                .segments()
                .get(0);
        assertThat(segment.programDateTime()).isEqualTo(Instant.parse("2019-11-13T02:45:51.608Z"));
    }

    @Test
    void unparseableProgramDateTimeLeavesTheSegmentUndatedWithAWarning() {
        MediaPlaylist playlist = parse("""
                #EXTM3U
                #EXT-X-PROGRAM-DATE-TIME:yesterday at noon
                #EXTINF:2,
                a.ts
                #EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:22Z
                #EXTINF:2,
                b.ts
                """);
        assertThat(playlist.segments())
                .extracting(MediaSegment::programDateTime)
                .containsExactly(null, Instant.parse("2023-11-14T22:13:22Z"));
        assertThat(playlist.warnings())
                .singleElement()
                .asString()
                .startsWith("line 2:")
                .contains("PROGRAM-DATE-TIME")
                .contains("yesterday at noon");
    }

    @Test
    void discontinuityIsRecordedOnTheNextSegment() {
        MediaPlaylist playlist =
                parse("#EXTM3U\n#EXTINF:2,\na.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:2,\nb.ts\n#EXTINF:2,\nc.ts\n");
        assertThat(playlist.segments()).extracting(MediaSegment::discontinuity).containsExactly(false, true, false);
    }

    @Test
    void discontinuitySequenceIsNotADiscontinuity() {
        MediaPlaylist playlist = parse("""
                #EXTM3U
                #EXT-X-MAP:URI="init.mp4"
                #EXT-X-DISCONTINUITY-SEQUENCE:7
                #EXTINF:2,
                a.ts
                """);
        MediaSegment segment = playlist.segments().get(0);
        assertThat(segment.discontinuity()).isFalse();
        assertThat(segment.map()).isNotNull();
        assertThat(playlist.discontinuitySequence()).isEqualTo(7);
    }

    @Test
    void mapAppliesToAllFollowingSegments() {
        MediaPlaylist playlist = parse("""
                #EXTM3U
                #EXTINF:2,
                before.ts
                #EXT-X-MAP:URI="init.mp4"
                #EXTINF:2,
                a.m4s
                #EXTINF:2,
                b.m4s
                """);
        MapSection map = new MapSection(URI.create("https://edge.example.net/v1/playlist/abc/init.mp4"), null);
        assertThat(playlist.segments()).extracting(MediaSegment::map).containsExactly(null, map, map);
    }

    @Test
    void mapIsClearedByDiscontinuity() {
        MediaPlaylist playlist = parse("""
                #EXTM3U
                #EXT-X-MAP:URI="init1.mp4"
                #EXTINF:2,
                a.m4s
                #EXT-X-DISCONTINUITY
                #EXTINF:2,
                b.m4s
                #EXT-X-MAP:URI="init2.mp4"
                #EXTINF:2,
                c.m4s
                """);
        assertThat(playlist.segments())
                .extracting(s -> s.map() == null ? null : s.map().uri().getPath())
                .containsExactly("/v1/playlist/abc/init1.mp4", null, "/v1/playlist/abc/init2.mp4");
    }

    @Test
    void mapByteRangeIsParsedWithOffsetDefaultingToZero() {
        MediaPlaylist playlist = parse("""
                #EXTM3U
                #EXT-X-MAP:URI="init.mp4",BYTERANGE="720@100"
                #EXTINF:2,
                a.m4s
                #EXT-X-MAP:URI="init.mp4",BYTERANGE="720"
                #EXTINF:2,
                b.m4s
                """);
        assertThat(playlist.segments())
                .extracting(s -> s.map().byteRange())
                .containsExactly(new ByteRange(720, 100), new ByteRange(720, 0));
    }

    @Test
    void mapWithoutUriIsAParseError() {
        assertThatThrownBy(() -> parse("#EXTM3U\n#EXT-X-MAP:BYTERANGE=\"1@0\"\n"))
                .isInstanceOf(PlaylistParseException.class)
                .hasMessage("line 2: EXT-X-MAP without URI");
    }

    @Test
    void byteRangeWithOffsetIsHonoured() {
        MediaSegment segment = parse("#EXTM3U\n#EXTINF:2,\n#EXT-X-BYTERANGE:1000@500\nall.ts\n")
                .segments()
                .get(0);
        assertThat(segment.byteRange()).isEqualTo(new ByteRange(1000, 500));
        assertThat(segment.byteRange().httpRange()).isEqualTo("bytes=500-1499");
    }

    @Test
    void byteRangeOffsetContinuesFromPrevious() {
        MediaPlaylist playlist = parse("""
                #EXTM3U
                #EXTINF:2,
                #EXT-X-BYTERANGE:1000@0
                all.ts
                #EXTINF:2,
                #EXT-X-BYTERANGE:2000
                all.ts
                #EXTINF:2,
                #EXT-X-BYTERANGE:500
                all.ts
                """);
        assertThat(playlist.segments())
                .extracting(MediaSegment::byteRange)
                .containsExactly(new ByteRange(1000, 0), new ByteRange(2000, 1000), new ByteRange(500, 3000));
    }

    @Test
    void byteRangeWithoutOffsetAfterAnotherUriIsAParseError() {
        assertThatThrownBy(() -> parse(
                        "#EXTM3U\n#EXTINF:2,\n#EXT-X-BYTERANGE:10@0\na.ts\n#EXTINF:2,\n#EXT-X-BYTERANGE:10\nb.ts\n"))
                .isInstanceOf(PlaylistParseException.class)
                .hasMessageStartingWith("line 6:")
                .hasMessageContaining("no offset");
    }

    @Test
    void firstByteRangeWithoutOffsetIsAParseError() {
        assertThatThrownBy(() -> parse("#EXTM3U\n#EXTINF:2,\n#EXT-X-BYTERANGE:10\na.ts\n"))
                .isInstanceOf(PlaylistParseException.class)
                .hasMessageStartingWith("line 3:");
    }

    @Test
    void emptyByteRangeIsAParseError() {
        assertThatThrownBy(() -> parse("#EXTM3U\n#EXTINF:2,\n#EXT-X-BYTERANGE:0@5\na.ts\n"))
                .isInstanceOf(PlaylistParseException.class)
                .hasMessageStartingWith("line 3: empty byte range");
    }

    @Test
    void byteRangeAppliesToTheNextSegmentOnly() {
        MediaPlaylist playlist = parse("#EXTM3U\n#EXTINF:2,\n#EXT-X-BYTERANGE:10@0\na.ts\n#EXTINF:2,\nb.ts\n");
        assertThat(playlist.segments()).extracting(MediaSegment::byteRange).containsExactly(new ByteRange(10, 0), null);
    }

    @Test
    void malformedByteRangeIsAParseError() {
        assertThatThrownBy(() -> parse("#EXTM3U\n#EXTINF:2,\n#EXT-X-BYTERANGE:lots\na.ts\n"))
                .isInstanceOf(PlaylistParseException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("malformed byte range");
    }

    @Test
    void encryptedPlaylistIsRefused() {
        MediaPlaylist playlist = parse("""
                #EXTM3U
                #EXT-X-KEY:METHOD=AES-128,URI="https://keys.example/k1",IV=0x1234
                #EXTINF:2,
                a.ts
                """);
        MediaSegment segment = playlist.segments().get(0);
        assertThat(playlist.encrypted()).isTrue();
        assertThat(segment.encryptionMethod()).isEqualTo("AES-128");
        assertThatThrownBy(segment::requireDownloadable)
                .isInstanceOf(UnsupportedPlaylistException.class)
                .hasMessageContaining("encrypted")
                .hasMessageContaining("AES-128")
                .hasMessageContaining("/abc/a.ts");
    }

    @Test
    void keyMethodNoneEndsEncryption() {
        MediaPlaylist playlist = parse("""
                #EXTM3U
                #EXT-X-KEY:METHOD=SAMPLE-AES,URI="k"
                #EXTINF:2,
                a.ts
                #EXT-X-KEY:METHOD=NONE
                #EXTINF:2,
                b.ts
                """);
        assertThat(playlist.segments()).extracting(MediaSegment::encrypted).containsExactly(true, false);
        playlist.segments().get(1).requireDownloadable();
    }

    @Test
    void unencryptedPlaylistIsDownloadable() {
        MediaPlaylist playlist = parse("#EXTM3U\n#EXT-X-KEY:METHOD=NONE\n#EXTINF:2,\na.ts\n");
        assertThat(playlist.encrypted()).isFalse();
        playlist.segments().get(0).requireDownloadable();
    }

    @Test
    void keyWithoutMethodIsAParseError() {
        assertThatThrownBy(() -> parse("#EXTM3U\n#EXT-X-KEY:URI=\"k\"\n"))
                .isInstanceOf(PlaylistParseException.class)
                .hasMessage("line 2: EXT-X-KEY without METHOD");
    }

    @Test
    void endListMarksTheEndOfTheStream() {
        assertThat(parse("#EXTM3U\n#EXTINF:2,\na.ts\n#EXT-X-ENDLIST\n").endList())
                .isTrue();
        assertThat(parse("#EXTM3U\n#EXTINF:2,\na.ts\n").endList()).isFalse();
    }

    @Test
    void mediaSequenceAndTargetDurationAreParsed() {
        MediaPlaylist playlist = parse("""
                #EXTM3U
                #EXT-X-TARGETDURATION:6
                #EXT-X-MEDIA-SEQUENCE:4512
                #EXTINF:2,
                a.ts
                #EXTINF:2,
                b.ts
                """);
        assertThat(playlist.targetDuration()).isEqualTo(6.0);
        assertThat(playlist.mediaSequence()).isEqualTo(4512);
        assertThat(playlist.segments()).extracting(MediaSegment::sequence).containsExactly(4512L, 4513L);
    }

    @Test
    void unparseableSequenceOrTargetDurationIsOnlyAWarning() {
        MediaPlaylist playlist =
                parse("#EXTM3U\n#EXT-X-TARGETDURATION:six\n#EXT-X-MEDIA-SEQUENCE:many\n#EXTINF:2,\na.ts\n");
        assertThat(playlist.mediaSequence()).isZero();
        assertThat(playlist.targetDuration()).isZero();
        assertThat(playlist.warnings()).hasSize(2);
        assertThat(playlist.segments()).hasSize(1);
    }

    @Test
    void unknownTagsAreIgnoredAndTheRawTextIsKept() {
        String text = """
                #EXTM3U
                #EXT-X-TWITCH-ELAPSED-SECS:9024.000
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXTINF:2,live
                a.ts
                #EXT-X-TWITCH-PREFETCH:https://edge.example.net/prefetch.ts
                """;
        MediaPlaylist playlist = parse(text);
        assertThat(playlist.segments()).extracting(s -> s.uri().getPath()).containsExactly("/v1/playlist/abc/a.ts");
        assertThat(playlist.warnings()).isEmpty();
        assertThat(playlist.text()).isEqualTo(text);
    }

    @Test
    void commentsAreIgnored() {
        MediaPlaylist playlist = parse("#EXTM3U\n# a comment\n#EXTINF:2,\n# another\na.ts\n");
        assertThat(playlist.segments()).hasSize(1);
        assertThat(playlist.segments().get(0).duration()).isEqualTo(2.0);
    }

    @Test
    void crlfLineEndingsAndByteOrderMarkAreAccepted() {
        MediaPlaylist playlist = parse("\uFEFF#EXTM3U\r\n#EXTINF:2.5,live \r\na.ts\r\n#EXT-X-ENDLIST\r\n");
        assertThat(playlist.segments()).singleElement().satisfies(s -> {
            assertThat(s.uri().getPath()).endsWith("/a.ts");
            assertThat(s.title()).isEqualTo("live");
        });
        assertThat(playlist.endList()).isTrue();
    }

    @Test
    void extinfWithoutUriAtTheEndIsIgnoredWithAWarning() {
        MediaPlaylist playlist = parse("#EXTM3U\n#EXTINF:2,\na.ts\n#EXTINF:2,\n");
        assertThat(playlist.segments()).hasSize(1);
        assertThat(playlist.warnings()).singleElement().asString().startsWith("line 4:");
    }

    @Test
    void uriWithoutExtinfHasZeroDurationAndAWarning() {
        MediaPlaylist playlist = parse("#EXTM3U\na.ts\n");
        assertThat(playlist.segments())
                .singleElement()
                .extracting(MediaSegment::duration)
                .isEqualTo(0.0);
        assertThat(playlist.warnings()).singleElement().asString().contains("without EXTINF");
    }

    @Test
    void masterPlaylistIsRejectedAsMediaPlaylist() {
        assertThatThrownBy(() -> parse("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n"))
                .isInstanceOf(PlaylistParseException.class)
                .hasMessage("line 2: this is a master playlist, not a media playlist");
    }

    @Test
    void nominalDurationIsExactToTheNanosecond() {
        MediaSegment segment =
                parse("#EXTM3U\n#EXTINF:2.002,\na.ts\n").segments().get(0);
        assertThat(segment.nominalDuration().toNanos()).isEqualTo(2_002_000_000L);
    }
}
