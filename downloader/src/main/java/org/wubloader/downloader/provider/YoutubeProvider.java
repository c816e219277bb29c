package org.wubloader.downloader.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.wubloader.common.exec.ExternalProcess;
import org.wubloader.common.exec.ProcessFailedException;
import org.wubloader.common.exec.ProcessGroup;

/**
 * YouTube through {@code yt-dlp --dump-json}: its {@code url} field is the {@code source}
 * media playlist. The process is killed when the fetch is abandoned (the original let it run).
 */
public final class YoutubeProvider implements Provider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_OUTPUT = 16 << 20;

    private final Vertx vertx;
    private final String command;
    private final URI url;

    /** @param command the yt-dlp executable, looked up on PATH if it has no slash */
    public YoutubeProvider(Vertx vertx, String command, URI url) {
        this.vertx = vertx;
        this.command = command;
        this.url = url;
    }

    @Override
    public ProviderLimits limits() {
        return ProviderLimits.YOUTUBE;
    }

    @Override
    public Future<Map<String, URI>> fetch(List<String> qualities, Future<Void> cancel) {
        if (!qualities.equals(List.of(QualitySelection.SOURCE))) {
            return Future.failedFuture(
                    new ProviderException("the youtube provider only has quality 'source', asked for " + qualities));
        }
        // The group is killed when the fetch is abandoned, which also kills anything yt-dlp
        // started (ffmpeg probes): killing yt-dlp alone left those running.
        ProcessGroup group = new ProcessGroup();
        cancel.onComplete(v -> group.killAll());
        return vertx.executeBlocking(() -> Map.of(QualitySelection.SOURCE, run(group)), false);
    }

    private URI run(ProcessGroup group) {
        List<String> argv = List.of(command, "--dump-json", "--output", "infojson:-", url.toString());
        String out;
        try (ExternalProcess ytdlp = start(argv, group)) {
            out = new String(ytdlp.readStdout(MAX_OUTPUT), StandardCharsets.UTF_8);
            try {
                ytdlp.awaitSuccess(Duration.ofDays(1)); // bounded by the caller's cancel (its hard timeout)
            } catch (ProcessFailedException e) {
                if (group.isKilled()) {
                    throw new ProviderException("yt-dlp was stopped: the fetch was abandoned");
                }
                throw new ProviderException("yt-dlp exited with status " + e.exitValue() + ": "
                        + TwitchProvider.abbreviate(e.stderr().isBlank() ? out : e.stderr()));
            } catch (IOException e) {
                throw new ProviderException(
                        group.isKilled() ? "yt-dlp was stopped: the fetch was abandoned" : e.getMessage());
            }
        }
        return parseUrl(out);
    }

    private ExternalProcess start(List<String> argv, ProcessGroup group) {
        try {
            return ExternalProcess.start(argv, group, false, null);
        } catch (IOException e) {
            throw new ProviderException("cannot run '" + command + "' (is yt-dlp installed and on PATH?): "
                    + e.getCause().getMessage());
        }
    }

    /** The {@code url} field of yt-dlp's JSON output. */
    static URI parseUrl(String output) {
        JsonNode json;
        try {
            json = JSON.readTree(output);
        } catch (IOException e) {
            throw new ProviderException("yt-dlp output is not JSON: " + TwitchProvider.abbreviate(output));
        }
        JsonNode url = json == null ? null : json.get("url");
        if (url == null || !url.isTextual()) {
            throw new ProviderException("yt-dlp output has no 'url': " + TwitchProvider.abbreviate(output));
        }
        try {
            return new URI(url.asText());
        } catch (URISyntaxException e) {
            throw new ProviderException("yt-dlp gave a bad url: " + e.getMessage());
        }
    }
}
