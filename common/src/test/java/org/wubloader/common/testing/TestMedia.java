package org.wubloader.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.wubloader.common.exec.Ffmpeg;
import org.wubloader.common.segment.SegmentType;

/**
 * Real, playable MPEG-TS segments made by ffmpeg ({@code testsrc} video + {@code sine} audio,
 * H.264/AAC, exactly 2 s each, a key frame at every segment start, timestamps continuing from one
 * segment to the next as in a live stream). Generated once per machine into the system temp dir
 * and re-used; a few segments can be re-used under many names to fill hours.
 *
 * <p>ffmpeg is a test dependency: if it is missing the tests fail, they do not skip.
 */
public final class TestMedia {
    public static final double SEGMENT_SECONDS = 2.0;
    private static final String VERSION = "v1";

    private TestMedia() {}

    /** {@code count} consecutive 2-second segments (generated on first use). */
    public static synchronized List<Path> segments(int count) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "wubloader-test-media-" + VERSION + "-" + count);
        if (!Files.isDirectory(dir)) {
            generate(dir, count);
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> out = new ArrayList<>(
                    files.filter(p -> p.toString().endsWith(".ts")).sorted().toList());
            if (out.size() != count) {
                throw new IllegalStateException("expected " + count + " segments in " + dir + ", found " + out.size());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies {@code media} into {@code tree} as back-to-back full segments from {@code startMicros};
     * returns their paths in order.
     */
    public static List<Path> place(
            SegmentTree tree, String channel, String quality, long startMicros, List<Path> media) {
        List<Path> out = new ArrayList<>(media.size());
        long step = Math.round(SEGMENT_SECONDS * 1_000_000d);
        for (int i = 0; i < media.size(); i++) {
            try {
                out.add(tree.write(
                        channel,
                        quality,
                        startMicros + i * step,
                        SEGMENT_SECONDS,
                        SegmentType.FULL,
                        Files.readAllBytes(media.get(i))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /**
     * The encoder settings of every test video: H.264 with a key frame every 50 frames (2 s at 25 fps,
     * so 2 s segments each start on one) and no scene-cut key frames, AAC audio.
     */
    public static final List<String> H264_AAC = List.of(
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-g",
            "50",
            "-keyint_min",
            "50",
            "-sc_threshold",
            "0",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-b:a",
            "64k");

    /** The 440 Hz tone every test video carries, as an ffmpeg input. */
    public static final List<String> TONE = lavfi("sine=frequency=440:sample_rate=48000");

    /** An ffmpeg input made by a lavfi filter graph. */
    public static List<String> lavfi(String graph) {
        return List.of("-f", "lavfi", "-i", graph);
    }

    /** The test pattern video of {@code size} (WxH) at {@code rate} frames a second, as an ffmpeg input. */
    public static List<String> testPattern(String size, int rate) {
        return lavfi("testsrc=size=" + size + ":rate=" + rate);
    }

    /** Output options: MPEG-TS segments of 2 s (each starts on a key frame) named by {@code pattern}. */
    public static List<String> twoSecondSegments(Path pattern) {
        return List.of("-f", "segment", "-segment_time", "2", "-segment_format", "mpegts", pattern.toString());
    }

    /**
     * A quiet ffmpeg command line ({@link Ffmpeg#QUIET}) then the parts in order (inputs,
     * {@link #H264_AAC}, output options).
     */
    @SafeVarargs
    public static List<String> ffmpegCommand(List<String>... parts) {
        List<String> command = new ArrayList<>(Ffmpeg.QUIET);
        for (List<String> part : parts) {
            command.addAll(part);
        }
        return List.copyOf(command);
    }

    private static void generate(Path dir, int count) {
        try {
            Path work = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".");
            List<String> command = ffmpegCommand(
                    testPattern("320x180", 25),
                    TONE,
                    List.of("-t", Double.toString(count * SEGMENT_SECONDS)),
                    H264_AAC,
                    twoSecondSegments(work.resolve("seg%05d.ts")));
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("ffmpeg failed to make test media (is ffmpeg installed?): " + output);
            }
            try {
                Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException
                    | AtomicMoveNotSupportedException
                    | java.nio.file.DirectoryNotEmptyException e) {
                // Another test JVM made the same media at the same time; use theirs.
                try (Stream<Path> files = Files.list(work)) {
                    for (Path p : files.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run ffmpeg to make test media (is it installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
