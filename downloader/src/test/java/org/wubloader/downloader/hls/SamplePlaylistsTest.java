package org.wubloader.downloader.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole playlists: hand-made Twitch-style samples and one written by ffmpeg. */
class SamplePlaylistsTest {
    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");

    private static String resource(String name) throws IOException {
        try (InputStream in = SamplePlaylistsTest.class.getResourceAsStream("/hls/" + name)) {
            assertThat(in).as("resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void twitchMasterPlaylist() throws IOException {
        URI base = URI.create("https://usher.ttvnw.net/api/channel/hls/somechannel.m3u8?player=twitchweb");
        MasterPlaylist playlist = HlsParser.parseMaster(resource("twitch-master.m3u8"), base);

        assertThat(playlist.variants())
                .extracting(Variant::name)
                .containsExactly("1080p60 (source)", "720p60", "480p", "audio_only");
        Variant source = playlist.variants().get(0);
        assertThat(source.uri())
                .isEqualTo(URI.create("https://video-weaver.lax03.hls.ttvnw.net/v1/playlist/CuEEsource.m3u8"));
        assertThat(source.attributes())
                .containsEntry("CODECS", "avc1.64002A,mp4a.40.2")
                .containsEntry("RESOLUTION", "1920x1080")
                .containsEntry("FRAME-RATE", "60.000");
        assertThat(playlist.variants().get(3).uri())
                .isEqualTo(URI.create("https://usher.ttvnw.net/api/channel/hls/audio_only.m3u8"));
        assertThat(playlist.media()).hasSize(4).allMatch(r -> r.type().equals("VIDEO") && r.uri() == null);
        assertThat(playlist.warnings()).isEmpty();
    }

    @Test
    void twitchMediaPlaylist() throws IOException {
        URI base = URI.create("https://video-weaver.lax03.hls.ttvnw.net/v1/playlist/CuEEsource.m3u8");
        MediaPlaylist playlist = HlsParser.parseMedia(resource("twitch-media.m3u8"), base);

        assertThat(playlist.warnings()).isEmpty();
        assertThat(playlist.mediaSequence()).isEqualTo(4512);
        assertThat(playlist.targetDuration()).isEqualTo(6.0);
        assertThat(playlist.endList()).isFalse();
        assertThat(playlist.encrypted()).isFalse();
        // The two prefetch tags are not segments.
        assertThat(playlist.segments())
                .hasSize(9)
                .noneMatch(s -> s.uri().getPath().contains("prefetch"))
                .allMatch(s -> s.programDateTime() != null && s.map() == null && s.byteRange() == null);
        assertThat(playlist.segments())
                .extracting(MediaSegment::sequence)
                .startsWith(4512L)
                .endsWith(4520L);
        assertThat(playlist.segments())
                .extracting(MediaSegment::discontinuity)
                .containsExactly(false, false, false, true, false, false, true, false, false);
        // The stitched-ad date range claims its segments before their Amazon titles do.
        assertThat(playlist.segments())
                .extracting(MediaSegment::adReason)
                .containsExactly(
                        null,
                        null,
                        null,
                        "twitch-stitched-ad stitched-ad-1700000006-6",
                        "twitch-stitched-ad stitched-ad-1700000006-6",
                        "twitch-stitched-ad stitched-ad-1700000006-6",
                        null,
                        null,
                        null);
        assertThat(playlist.segments().get(3).title()).isEqualTo("Amazon|8675309");
        assertThat(playlist.segments().get(7).duration()).isEqualTo(2.002);
        assertThat(playlist.dateRanges())
                .extracting(DateRange::classAttribute)
                .containsExactly(
                        "timestamp",
                        "twitch-session",
                        "twitch-stream-source",
                        "twitch-stitched-ad",
                        "twitch-ad-quartile");
        assertThat(playlist.dateRanges().get(3).attributes())
                .containsEntry("X-TV-TWITCH-AD-URL", "https://example.com/ad?a=1,b=2");

        List<StartTimes.SegmentStart> starts = StartTimes.compute(playlist.segments());
        assertThat(starts).allMatch(StartTimes.SegmentStart::stated);
        assertThat(starts.get(8).time()).isEqualTo(Instant.parse("2023-11-14T22:13:36.002Z"));
    }

    @Test
    void playlistWrittenByFfmpeg(@TempDir Path dir) throws Exception {
        assertThat(Files.isExecutable(FFMPEG))
                .as("ffmpeg is a test dependency (.ci/run installs it)")
                .isTrue();
        Path output = dir.resolve("OUT.m3u8");
        // -g 20 puts a keyframe every 2 s at 10 fps, so ffmpeg can cut 2-second segments.
        Process ffmpeg = new ProcessBuilder(
                        FFMPEG.toString(),
                        "-nostdin",
                        "-loglevel",
                        "error",
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc=size=160x120:rate=10",
                        "-t",
                        "6",
                        "-c:v",
                        "libx264",
                        "-g",
                        "20",
                        "-f",
                        "hls",
                        "-hls_time",
                        "2",
                        "-hls_flags",
                        "program_date_time",
                        "-hls_playlist_type",
                        "event",
                        output.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("ffmpeg.log").toFile())
                .start();
        if (!ffmpeg.waitFor(60, TimeUnit.SECONDS)) {
            ffmpeg.destroyForcibly();
        }
        assertThat(ffmpeg.exitValue())
                .as("ffmpeg exit status; log: %s", Files.readString(dir.resolve("ffmpeg.log")))
                .isZero();

        MediaPlaylist playlist = HlsParser.parseMedia(Files.readString(output), output.toUri());

        assertThat(playlist.warnings()).isEmpty();
        assertThat(playlist.endList()).isTrue();
        assertThat(playlist.segments()).hasSize(3);
        assertThat(playlist.segments()).allSatisfy(s -> {
            assertThat(s.duration()).isCloseTo(2.0, within(0.2));
            assertThat(s.programDateTime()).isNotNull();
            assertThat(s.ad()).isFalse();
            assertThat(Path.of(s.uri())).exists().hasParent(dir);
        });
        List<Instant> dates =
                playlist.segments().stream().map(MediaSegment::programDateTime).toList();
        assertThat(dates).isSorted().doesNotHaveDuplicates();
    }
}
