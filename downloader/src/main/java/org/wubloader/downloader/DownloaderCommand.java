package org.wubloader.downloader;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.cli.ListOption;
import org.wubloader.common.process.ServiceCommand;
import org.wubloader.common.process.ServiceRuntime;
import org.wubloader.downloader.provider.TwitchEndpoints;
import org.wubloader.downloader.stream.DownloaderMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code wubloader downloader CHANNEL[!][:TYPE:URL]… [options]}. */
@Command(
        name = "downloader",
        description = "Follows live HLS streams and saves every segment as a content-addressed file.")
public final class DownloaderCommand extends ServiceCommand {
    /**
     * Not a static field: this class is initialised while logging may still be being set up on
     * another thread (Startup), and a logger obtained then is SLF4J's stand-in.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(DownloaderCommand.class);
    }

    static final int DEFAULT_METRICS_PORT = 8001;

    @Parameters(
            arity = "1..*",
            paramLabel = "CHANNEL[!][:TYPE:URL]",
            description = "Channels to follow. No colon: a twitch channel. TYPE is twitch, url or youtube;"
                    + " a trailing ! marks the channel important (master playlist polled every 5 s, not 20 s).")
    List<String> channels;

    @Option(
            names = "--qualities",
            defaultValue = "${env:WUBLOADER_QUALITIES:-source}",
            description = "Comma-separated twitch qualities (e.g. source,720p60); empty = none. url and youtube"
                    + " channels always fetch source (default: ${DEFAULT-VALUE}).")
    String qualities;

    @Option(
            names = "--twitch-auth-file",
            defaultValue = "${env:WUBLOADER_TWITCH_AUTH_FILE}",
            description = "File holding a Twitch OAuth token (whitespace stripped); an account that avoids ads.")
    Path twitchAuthFile;

    @Option(
            names = "--playlist-debug",
            defaultValue = "${env:WUBLOADER_PLAYLIST_DEBUG:-0}",
            description = "Keep the last N media playlists and write them beside each saved segment under"
                    + " BASE/playlist-debug/; 0 = off (default: ${DEFAULT-VALUE}).")
    int playlistDebug;

    @Option(
            names = "--twitch-gql-url",
            hidden = true,
            defaultValue = "${env:WUBLOADER_TWITCH_GQL_URL}",
            description = "Twitch GQL endpoint (tests point it at a fake).")
    URI twitchGqlUrl;

    @Option(
            names = "--twitch-usher-url",
            hidden = true,
            defaultValue = "${env:WUBLOADER_TWITCH_USHER_URL}",
            description = "Twitch usher base URL; CHANNEL.m3u8 is appended (tests point it at a fake).")
    URI twitchUsherUrl;

    @Option(
            names = "--yt-dlp",
            hidden = true,
            defaultValue = "${env:WUBLOADER_YT_DLP:-yt-dlp}",
            description = "The yt-dlp executable.")
    String ytDlp;

    @Option(
            names = "--timing-scale",
            hidden = true,
            defaultValue = "${env:WUBLOADER_TIMING_SCALE:-1}",
            description = "Multiplies every interval and timeout (tests).")
    double timingScale;

    @Option(
            names = "--shutdown-grace",
            hidden = true,
            defaultValue = "${env:WUBLOADER_SHUTDOWN_GRACE:-15}",
            description = "Seconds running downloads may take to finish after SIGTERM before being broken off.")
    double shutdownGrace;

    @Override
    public Integer call() throws Exception {
        List<ChannelSpec> specs = parseChannels();
        List<String> qualityList = parseQualities(qualities);
        String token = readToken();
        if (playlistDebug < 0) {
            throw new ParameterException(spec.commandLine(), "--playlist-debug must be ≥ 0");
        }
        if (!(shutdownGrace >= 0) || shutdownGrace > ServiceRuntime.STOP_GRACE_SECONDS - 3) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--shutdown-grace must be between 0 and " + (ServiceRuntime.STOP_GRACE_SECONDS - 3) + " s");
        }
        Timings timings;
        try {
            timings = Timings.defaults()
                    .scaled(timingScale)
                    .withShutdownGrace(Duration.ofMillis(Math.round(shutdownGrace * 1000)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        TwitchEndpoints endpoints = new TwitchEndpoints(
                twitchGqlUrl == null ? TwitchEndpoints.DEFAULT.gql() : twitchGqlUrl,
                twitchUsherUrl == null ? TwitchEndpoints.DEFAULT.usher() : twitchUsherUrl);
        warnIfYtDlpMissing(specs);

        try (ServiceRuntime runtime = startRuntime(DEFAULT_METRICS_PORT)) {
            Downloader downloader = new Downloader(
                    runtime.vertx(),
                    new DownloaderMetrics(runtime.registry()),
                    runtime.baseDir(),
                    specs,
                    qualityList,
                    timings,
                    playlistDebug,
                    new ProviderFactory(endpoints, token, ytDlp));
            runtime.setState(downloader::state);
            downloader.start();
            runtime.awaitStopRequest();
            log().info(
                            "stop requested: no more polling; waiting up to {} for running downloads",
                            timings.shutdownGrace());
            downloader.shutdown();
            log().info("gracefully stopped");
        }
        return 0;
    }

    private List<ChannelSpec> parseChannels() {
        List<ChannelSpec> out = new ArrayList<>();
        for (String arg : channels) {
            try {
                ChannelSpec parsed = ChannelSpec.parse(arg);
                if (out.stream().anyMatch(c -> c.name().equals(parsed.name()))) {
                    throw new IllegalArgumentException("channel '" + parsed.name() + "' is given twice");
                }
                out.add(parsed);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return out;
    }

    /**
     * Comma-separated, read as every service reads a list ({@link ListOption}); empty = none. The
     * original did not trim, but compose hands the same WUBLOADER_QUALITIES to the backfiller and
     * segment-coverage, which do: an untrimmed " 480p" would be a directory they never look at.
     */
    static List<String> parseQualities(String text) {
        return ListOption.split(text);
    }

    private String readToken() {
        if (twitchAuthFile == null) {
            return null;
        }
        try {
            String token =
                    Files.readString(twitchAuthFile, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--twitch-auth-file " + twitchAuthFile + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read --twitch-auth-file: " + e.getMessage());
        }
    }

    private void warnIfYtDlpMissing(List<ChannelSpec> specs) {
        if (specs.stream().noneMatch(c -> c.type() == ChannelSpec.ProviderType.YOUTUBE) || ytDlp.contains("/")) {
            return;
        }
        String path = System.getenv("PATH");
        boolean found = path != null
                && Arrays.stream(path.split(":"))
                        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, ytDlp)));
        if (!found) {
            log().error("youtube channels need {} on PATH, and it is not there: their master fetches will fail", ytDlp);
        }
    }
}
