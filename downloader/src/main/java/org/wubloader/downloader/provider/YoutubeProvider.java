package org.wubloader.downloader.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

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
            return Future.failedFuture(new ProviderException("the youtube provider only has quality 'source', asked for "
                    + qualities));
        }
        AtomicReference<Process> running = new AtomicReference<>();
        cancel.onComplete(v -> {
            Process p = running.get();
            if (p != null) {
                kill(p);
            }
        });
        return vertx.executeBlocking(() -> {
            Process process = start();
            running.set(process);
            if (cancel.isComplete()) {
                kill(process);
            }
            return Map.of(QualitySelection.SOURCE, await(process));
        }, false);
    }

    private Process start() {
        List<String> argv = new ArrayList<>(List.of(command, "--dump-json", "--output", "infojson:-", url.toString()));
        try {
            return new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new ProviderException("cannot run '" + command + "' (is yt-dlp installed and on PATH?): "
                    + e.getMessage());
        }
    }

    private URI await(Process process) throws InterruptedException {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread errReader = new Thread(() -> drain(process.getErrorStream(), stderr), "yt-dlp-stderr");
        errReader.setDaemon(true);
        errReader.start();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        drain(process.getInputStream(), stdout);
        int status = process.waitFor();
        errReader.join(1000);
        String out = stdout.toString(StandardCharsets.UTF_8);
        if (status != 0) {
            String err;
            synchronized (stderr) {
                err = stderr.toString(StandardCharsets.UTF_8);
            }
            throw new ProviderException("yt-dlp exited with status " + status + ": "
                    + TwitchProvider.abbreviate(err.isBlank() ? out : err));
        }
        return parseUrl(out);
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

    private static void drain(InputStream in, ByteArrayOutputStream into) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (into) {
                    if (into.size() < MAX_OUTPUT) {
                        into.write(buffer, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            // The process was killed (hard timeout) and its pipe closed: what we have is all.
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
