package org.wubloader.downloader.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.downloader.ChannelSpec;
import org.wubloader.downloader.ProviderFactory;
import org.wubloader.downloader.provider.TwitchEndpoints;

/** The youtube provider with stand-in yt-dlp scripts (the real one is not installed here). */
class YoutubeProviderTest extends OriginTestBase {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path base;

    @TempDir
    Path bin;

    private Path script(String body) throws Exception {
        Path script = bin.resolve("yt-dlp");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private void startDownloader(String ytDlp) throws Exception {
        harness = Harness.start(
                base,
                List.of(ChannelSpec.parse("yt!:youtube:https://www.youtube.com/watch?v=abc")),
                List.of("source"),
                FaultInjectionTest.FAST,
                new ProviderFactory(TwitchEndpoints.DEFAULT, null, ytDlp),
                0);
    }

    @Test
    void theUrlFieldOfYtDlpsJsonIsTheSourcePlaylist() throws Exception {
        StringBuilder text = Media.header();
        Media.segment(text, 0, "y0.ts");
        origin.body("/y0.ts", Media.bytes(1, 100));
        origin.playlist("/yt.m3u8", text::toString);
        Path args = bin.resolve("args");
        Path ytDlp = script(
                "echo \"$@\" > " + args + "\necho '{\"id\":\"abc\",\"url\":\"" + origin.uri("/yt.m3u8") + "\"}'");
        startDownloader(ytDlp.toString());

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(harness.segments("yt", "source", SegmentType.FULL))
                        .hasSize(1));
        assertThat(Files.readString(args).strip())
                .isEqualTo("--dump-json --output infojson:- https://www.youtube.com/watch?v=abc");
    }

    @Test
    void aMissingYtDlpIsAClearError() throws Exception {
        startDownloader(bin.resolve("not-there").toString());
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(harness.lastFetchError()).contains("is yt-dlp installed and on PATH?"));
    }

    @Test
    void outputThatIsNotJsonIsReportedWithTheOutput() throws Exception {
        startDownloader(script("echo 'ERROR: This live event will begin in 3 hours.'; exit 1")
                .toString());
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(harness.lastFetchError())
                        .contains("yt-dlp exited with status 1")
                        .contains("will begin in 3 hours"));
    }

    @Test
    void ytDlpIsKilledAtTheHardTimeout() throws Exception {
        Path pidFile = bin.resolve("pid");
        startDownloader(script("echo $$ > " + pidFile + "\nexec sleep 300").toString());
        await().atMost(WAIT)
                .until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        // The master fetch's hard timeout is 3 s in these timings.
        await().atMost(WAIT)
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(harness.lastFetchError()).contains("timed out"));
    }
}
