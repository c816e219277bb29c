package org.wubloader.restreamer.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.exec.ExternalProcess;
import org.wubloader.common.exec.ProcessGroup;
import org.wubloader.common.exec.StdinFeed;
import org.wubloader.common.metrics.Timed;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.Span;
import org.wubloader.common.storage.AtomicFiles;
import org.wubloader.common.storage.PathPart;
import org.wubloader.restreamer.editor.SegmentSource;
import org.wubloader.restreamer.http.HttpError;
import org.wubloader.restreamer.http.QueryParams;

/**
 * {@code POST /generate_videos/CHANNEL/QUALITY}: whole-stretch archive videos ("hours videos")
 * written into the base directory. Each entry's best segments are split at every hole into
 * contiguous runs; run N is remuxed ({@code -c copy}) into {@code BASE/CHANNEL_QUALITY_NAME_N.mkv},
 * written under a temp name beside it and renamed only when ffmpeg succeeded. An existing output
 * is skipped. One job per node at a time (409 otherwise).
 */
public final class ArchiveService {
    private static final Logger log = LoggerFactory.getLogger(ArchiveService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REMUX_TIMEOUT = Duration.ofHours(2);

    private final Path baseDir;
    private final SegmentSource segments;
    private final Timed timed;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ProcessGroup processes = new ProcessGroup();

    public ArchiveService(Path baseDir, SegmentSource segments, Timed timed) {
        this.baseDir = baseDir;
        this.segments = segments;
        this.timed = timed;
    }

    /** One requested video: its name part and range. */
    public record Entry(String name, long startMicros, long endMicros) {}

    /** The answer: files written and skipped (already there), as base-dir-relative names. */
    public record Result(List<String> written, List<String> skipped) {}

    /** Parses and checks the body (400s) before anything runs. */
    public static List<Entry> parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw HttpError.badRequest(
                    "body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw HttpError.badRequest("body must be a JSON object {NAME: [START, END], ...}");
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String name = e.getKey();
            if (!PathPart.isSafe(name)) {
                throw HttpError.badRequest("bad video name '" + name + "': no '/', no leading '.'");
            }
            JsonNode range = e.getValue();
            if (!range.isArray()
                    || range.size() != 2
                    || !range.get(0).isTextual()
                    || !range.get(1).isTextual()) {
                throw HttpError.badRequest("bad range for '" + name + "': want [START, END]");
            }
            long start =
                    QueryParams.timestampMicros("start of " + name, range.get(0).asText());
            long end =
                    QueryParams.timestampMicros("end of " + name, range.get(1).asText());
            if (end <= start) {
                throw HttpError.badRequest("bad range for '" + name + "': end must be after start");
            }
            entries.add(new Entry(name, start, end));
        }
        return entries;
    }

    /** Claims the node's one job slot, or 409. */
    public AutoCloseable claim() {
        if (!running.compareAndSet(false, true)) {
            throw new HttpError(409, "a generate_videos job is already running on this node");
        }
        return () -> running.set(false);
    }

    /** Kills the remux in progress (shutdown); its temp file is removed. */
    public void cancel() {
        processes.killAll();
    }

    /** Writes every entry's videos. Blocking; call with the slot claimed. */
    public Result generate(String channel, String quality, List<Entry> entries) throws IOException {
        segments.qualityDir(channel, quality);
        List<String> written = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Entry entry : entries) {
            List<List<Segment>> runs = runs(segments.best(channel, quality, entry.startMicros(), entry.endMicros()));
            for (int n = 0; n < runs.size(); n++) {
                String name = channel + "_" + quality + "_" + entry.name() + "_" + n + ".mkv";
                Path target = baseDir.resolve(name);
                if (Files.exists(target)) {
                    log.info("generate_videos: {} exists, skipped", target);
                    skipped.add(name);
                    continue;
                }
                Timed.Operation op = timed.start("cut", "cut_type", "archive");
                try {
                    remux(runs.get(n), target);
                    op.done(seconds(runs.get(n)));
                } catch (IOException | RuntimeException e) {
                    op.failed(e);
                    throw e;
                }
                log.info("generate_videos: wrote {}", target);
                written.add(name);
            }
        }
        return new Result(written, skipped);
    }

    /** The segments split at every hole into contiguous runs (pure). */
    static List<List<Segment>> runs(List<Span> spans) {
        List<List<Segment>> runs = new ArrayList<>();
        List<Segment> current = new ArrayList<>();
        for (Span span : spans) {
            if (span instanceof Segment s) {
                current.add(s);
            } else if (!current.isEmpty()) {
                runs.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            runs.add(current);
        }
        return runs;
    }

    private static double seconds(List<Segment> run) {
        return run.stream().mapToLong(Segment::durationMicros).sum() / 1e6;
    }

    private void remux(List<Segment> run, Path target) throws IOException {
        Path temp = AtomicFiles.tempSibling(target);
        List<Path> files = new ArrayList<>(run.size());
        for (Segment s : run) {
            files.add(Path.of(s.path()));
        }
        List<String> command = List.of(
                "ffmpeg",
                "-hide_banner",
                "-loglevel",
                "error",
                "-i",
                "pipe:0",
                "-map",
                "0",
                "-c",
                "copy",
                "-f",
                "matroska",
                "-y",
                temp.toString());
        try (ExternalProcess ffmpeg = ExternalProcess.start(command, processes, true, REMUX_TIMEOUT)) {
            StdinFeed feed = StdinFeed.files(files, ffmpeg.stdin());
            ffmpeg.readStdout(1 << 16);
            ffmpeg.awaitSuccess(REMUX_TIMEOUT);
            feed.finish();
            if (!AtomicFiles.publish(temp, target)) {
                log.info("generate_videos: {} appeared meanwhile, kept", target);
            }
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteQuietly(temp, e);
            throw e;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The answer's JSON. */
    public static byte[] json(Result result) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("written", result.written());
        out.put("skipped", result.skipped());
        try {
            return JSON.writeValueAsBytes(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
