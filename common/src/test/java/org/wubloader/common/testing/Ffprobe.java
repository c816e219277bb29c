package org.wubloader.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs ffprobe on a file or URL and returns its JSON answer, for tests that check real media. */
public final class Ffprobe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Ffprobe() {}

    /** {@code ffprobe -of json ARGS… INPUT}; fails if ffprobe fails. */
    public static JsonNode probe(String input, String... args) {
        List<String> command = new ArrayList<>(List.of("ffprobe", "-hide_banner", "-v", "error", "-of", "json"));
        command.addAll(List.of(args));
        command.add(input);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("ffprobe failed on " + input + ": " + new String(out));
            }
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new IllegalStateException("could not run ffprobe (is ffmpeg installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The container duration in seconds. */
    public static double duration(String input) {
        return probe(input, "-show_entries", "format=duration")
                .path("format")
                .path("duration")
                .asDouble(Double.NaN);
    }

    /** The container start time in seconds. */
    public static double startTime(String input) {
        return probe(input, "-show_entries", "format=start_time")
                .path("format")
                .path("start_time")
                .asDouble(Double.NaN);
    }
}
