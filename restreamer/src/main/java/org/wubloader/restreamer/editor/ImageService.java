package org.wubloader.restreamer.editor;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.exec.ExternalProcess;
import org.wubloader.common.exec.Ffmpeg;
import org.wubloader.common.exec.ProcessFailedException;
import org.wubloader.common.exec.ProcessGroup;
import org.wubloader.common.exec.StdinFeed;
import org.wubloader.common.metrics.Timed;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.Span;
import org.wubloader.restreamer.http.HttpError;
import org.wubloader.restreamer.http.QueryParams;
import org.wubloader.restreamer.http.Replies;

/**
 * The editor's pictures, each made by one ffmpeg on a heavy-work thread (never the event loop):
 * {@code GET /waveform/CH/Q.png} (the audio's {@code showwavespic}), {@code GET /frame/CH/Q.png}
 * (one frame, full size) and {@code GET|POST /thumbnail/CH/Q.png} (a frame composed under a
 * template). A client that leaves kills the ffmpeg; nothing is written to disk. Images are
 * collected in memory (at most {@link #MAX_IMAGE_BYTES}) so a failing ffmpeg can still be
 * answered with a proper status.
 */
public final class ImageService {
    static final long MAX_WAVEFORM_MICROS = 6L * 3600 * 1_000_000;
    static final int MAX_SIDE = 4096;
    static final int MAX_IMAGE_BYTES = 64 << 20;
    /** The frame's segments are searched this far either side of the timestamp. */
    static final long FRAME_LEEWAY_MICROS = 1_000_000;

    private static final Duration FFMPEG_TIMEOUT = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(ImageService.class);

    private final SegmentSource segments;
    private final ExecutorService executor;
    private final HeavyWork heavy;
    private final Timed timed;
    private final TemplateSource templates;

    /** @param templates null when no database is configured ({@code GET /thumbnail} → 501) */
    public ImageService(
            SegmentSource segments, ExecutorService executor, HeavyWork heavy, Timed timed, TemplateSource templates) {
        this.segments = segments;
        this.executor = executor;
        this.heavy = heavy;
        this.timed = timed;
        this.templates = templates;
    }

    /** A waveform request's size: {@code WxH}, each side 1…4096. */
    record Size(int width, int height) {
        static Size parse(String value) {
            if (value == null) {
                return new Size(1024, 64);
            }
            int x = value.indexOf('x');
            int w;
            int h;
            try {
                w = Integer.parseInt(value.substring(0, Math.max(0, x)));
                h = Integer.parseInt(value.substring(x + 1));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw HttpError.badRequest("Invalid size '" + value + "': want WIDTHxHEIGHT");
            }
            if (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE) {
                throw HttpError.badRequest("Image size must be between 1x1 and 4096x4096 (got " + value + ")");
            }
            return new Size(w, h);
        }
    }

    private static String quality(String qualityFile) {
        if (!qualityFile.endsWith(".png") || qualityFile.length() == 4) {
            throw HttpError.notFound("image names end in .png");
        }
        return qualityFile.substring(0, qualityFile.length() - 4);
    }

    private static long required(QueryParams params, String name) {
        Long value = params.timestamp(name);
        if (value == null) {
            throw HttpError.badRequest(name + " is required");
        }
        return value;
    }

    public void waveform(Vertx vertx, HttpServerRequest request, String channel, String qualityFile) {
        String quality = quality(qualityFile);
        QueryParams params = QueryParams.of(request);
        long start = required(params, "start");
        long end = required(params, "end");
        if (end <= start) {
            throw HttpError.badRequest("end must be after start");
        }
        if (end - start > MAX_WAVEFORM_MICROS) {
            throw HttpError.badRequest("Range may not be longer than 6h");
        }
        Size size = Size.parse(params.get("size"));
        run(request, "waveform", group -> {
            List<Segment> found = SegmentSource.segments(segments.best(channel, quality, start, end));
            if (found.isEmpty()) {
                throw HttpError.notAcceptable("We have no content available within the requested time range.");
            }
            return timedPng("waveform", (end - start) / 1e6, () -> waveformPng(found, size, group));
        });
    }

    /** What every image command writes: one video frame, as a PNG on stdout. */
    public static final List<String> ONE_PNG_FRAME = List.of("-frames:v", "1", "-f", "image2", "-c:v", "png", "pipe:1");

    private static List<String> onePng(List<String> command) {
        List<String> out = new ArrayList<>(command);
        out.addAll(ONE_PNG_FRAME);
        return List.copyOf(out);
    }

    /** The ffmpeg command of a waveform over segments fed on stdin (public for the benchmark's same-command baseline). */
    public static List<String> waveformCommand(int width, int height) {
        return onePng(Ffmpeg.quiet(
                "-i",
                "pipe:0",
                "-filter_complex",
                "[0:a:0]showwavespic=size=" + width + "x" + height + ":colors=black:scale=sqrt[w]",
                "-map",
                "[w]"));
    }

    private byte[] waveformPng(List<Segment> found, Size size, ProcessGroup group) throws IOException {
        List<Path> files = new ArrayList<>(found.size());
        for (Segment s : found) {
            files.add(Path.of(s.path()));
        }
        try (ExternalProcess ffmpeg =
                ExternalProcess.start(waveformCommand(size.width(), size.height()), group, true, FFMPEG_TIMEOUT)) {
            StdinFeed feed = StdinFeed.files(files, ffmpeg.stdin());
            byte[] png = ffmpeg.readStdout(MAX_IMAGE_BYTES);
            try {
                ffmpeg.awaitSuccess();
            } catch (ProcessFailedException e) {
                if (e.stderr().contains("matches no streams")) {
                    throw HttpError.notAcceptable("The segments of this range have no audio stream");
                }
                throw e;
            }
            feed.finish();
            return png;
        }
    }

    public void frame(Vertx vertx, HttpServerRequest request, String channel, String qualityFile) {
        String quality = quality(qualityFile);
        long timestamp = required(QueryParams.of(request), "timestamp");
        run(request, "frame", group -> {
            Segment segment = covering(channel, quality, timestamp);
            return timedPng(
                    "extract_frame",
                    Double.NaN,
                    () -> capture(frameCommand(Path.of(segment.path()), offset(segment, timestamp)), group, null));
        });
    }

    /**
     * The first frame at or after {@code offsetSeconds} into the file: decoded from the
     * segment's start (its key frame) with an output {@code -ss} dropping the frames before.
     * An input {@code -ss} seeks MPEG-TS by bisection and can land past the segment's only key
     * frame, yielding no frame at all.
     */
    public static List<String> frameCommand(Path file, double offsetSeconds) {
        return onePng(Ffmpeg.quiet("-i", file.toString(), "-ss", decimal(offsetSeconds), "-map", "0:v:0"));
    }

    private static double offset(Segment segment, long timestamp) {
        return (timestamp - segment.startMicros()) / 1e6;
    }

    /** The segment holding {@code timestamp} among the best for it ± 1 s, or 406. */
    private Segment covering(String channel, String quality, long timestamp) throws IOException {
        List<Span> spans =
                segments.best(channel, quality, timestamp - FRAME_LEEWAY_MICROS, timestamp + FRAME_LEEWAY_MICROS);
        for (Segment s : SegmentSource.segments(spans)) {
            if (s.startMicros() <= timestamp && timestamp < s.endMicros()) {
                return s;
            }
        }
        throw HttpError.notAcceptable("No frame available at the requested timestamp");
    }

    /** {@code GET /thumbnail}: template from the database. */
    public void thumbnailFromTemplate(Vertx vertx, HttpServerRequest request, String channel, String qualityFile) {
        String quality = quality(qualityFile);
        QueryParams params = QueryParams.of(request);
        long timestamp = required(params, "timestamp");
        String name = params.get("template");
        if (name == null || name.isEmpty()) {
            throw HttpError.badRequest("template is required");
        }
        Box crop = params.has("crop") ? Box.parse("crop", params.get("crop")) : null;
        Box location = params.has("location") ? Box.parse("location", params.get("location")) : null;
        if (templates == null) {
            throw new HttpError(501, "A database connection is required to generate thumbnails");
        }
        run(request, "thumbnail", group -> {
            TemplateSource.Template template;
            try {
                template = templates.find(name);
            } catch (TemplateSource.UnavailableException e) {
                throw new HttpError(
                        503, "The template database is unavailable: " + e.getMessage(), HeavyWork.RETRY_AFTER_SECONDS);
            }
            if (template == null) {
                throw HttpError.notFound("no template named '" + name + "'");
            }
            return thumbnail(
                    channel,
                    quality,
                    timestamp,
                    template.image(),
                    crop != null ? crop : template.crop(),
                    location != null ? location : template.location(),
                    group);
        });
    }

    /** {@code POST /thumbnail}: the body is the template. */
    public void thumbnailFromBody(
            Vertx vertx, HttpServerRequest request, String channel, String qualityFile, Buffer body) {
        String quality = quality(qualityFile);
        QueryParams params = QueryParams.of(request);
        long timestamp = required(params, "timestamp");
        if (!params.has("crop") || !params.has("location")) {
            throw HttpError.badRequest("crop and location are required");
        }
        Box crop = Box.parse("crop", params.get("crop"));
        Box location = Box.parse("location", params.get("location"));
        byte[] image = body.getBytes();
        PngImage.read(image, "the request body");
        run(request, "thumbnail", group -> thumbnail(channel, quality, timestamp, image, crop, location, group));
    }

    private byte[] thumbnail(
            String channel,
            String quality,
            long timestamp,
            byte[] templatePng,
            Box crop,
            Box location,
            ProcessGroup group)
            throws IOException {
        PngImage template = PngImage.read(templatePng, "the template");
        location.requireInside("location", template.width(), template.height(), "template");
        Segment segment = covering(channel, quality, timestamp);
        Path file = Path.of(segment.path());
        int[] frame = videoSize(file, group);
        crop.requireInside("crop", frame[0], frame[1], "frame");
        return timedPng(
                "extract_frame",
                Double.NaN,
                () -> capture(
                        thumbnailCommand(file, offset(segment, timestamp), crop, location, template),
                        group,
                        templatePng));
    }

    /** Image work that can fail with an I/O error. */
    private interface PngWork {
        byte[] run() throws IOException;
    }

    /**
     * Runs {@code work} timed as {@code name} ({@link Timed}): done, normalised by {@code size} when
     * it is a number > 0, or failed with the exception it throws.
     */
    private byte[] timedPng(String name, double size, PngWork work) throws IOException {
        Timed.Operation op = timed.start(name);
        try {
            byte[] png = work.run();
            op.done(size);
            return png;
        } catch (IOException | RuntimeException e) {
            op.failed(e);
            throw e;
        }
    }

    /**
     * Frame (input 0, decoded from the start and trimmed like {@link #frameCommand}) cropped, scaled with Lanczos to the
     * location box, padded with transparency to the template's size at the box's corner, then
     * the template (input 1, on stdin) alpha-composited over it.
     */
    static List<String> thumbnailCommand(Path file, double offsetSeconds, Box crop, Box location, PngImage template) {
        String graph = "[0:v:0]trim=start=" + decimal(offsetSeconds) + ",crop=" + crop.width() + ":" + crop.height()
                + ":" + crop.left() + ":" + crop.top()
                + ",scale=" + location.width() + ":" + location.height() + ":flags=lanczos,format=rgba"
                + ",pad=" + template.width() + ":" + template.height() + ":" + location.left() + ":" + location.top()
                + ":color=black@0[frame];[1:v]format=rgba[template];"
                + "[frame][template]overlay=0:0:format=auto,format=rgba[out]";
        return onePng(List.of(
                "ffmpeg",
                "-hide_banner",
                "-loglevel",
                "error",
                "-i",
                file.toString(),
                "-f",
                "png_pipe",
                "-i",
                "pipe:0",
                "-filter_complex",
                graph,
                "-map",
                "[out]"));
    }

    private static int[] videoSize(Path file, ProcessGroup group) throws IOException {
        byte[] out = ExternalProcess.run(
                List.of(
                        "ffprobe",
                        "-hide_banner",
                        "-v",
                        "error",
                        "-select_streams",
                        "v:0",
                        "-show_entries",
                        "stream=width,height",
                        "-of",
                        "csv=p=0",
                        file.toString()),
                group,
                FFMPEG_TIMEOUT,
                4096);
        // MPEG-TS lists the stream twice (once under its program): the first line is enough
        String[] wh = new String(out, StandardCharsets.US_ASCII)
                .strip()
                .lines()
                .findFirst()
                .orElse("")
                .split(",");
        try {
            return new int[] {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])};
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw HttpError.notAcceptable("The segment at the requested timestamp has no video stream");
        }
    }

    /** Runs an image-making ffmpeg, feeding {@code stdin} if given; its whole stdout is the image. */
    private static byte[] capture(List<String> command, ProcessGroup group, byte[] stdin) throws IOException {
        try (ExternalProcess ffmpeg = ExternalProcess.start(command, group, true, FFMPEG_TIMEOUT)) {
            StdinFeed feed = stdin == null ? null : StdinFeed.bytes(stdin, ffmpeg.stdin());
            if (feed == null) {
                ffmpeg.stdin().close();
            }
            byte[] png = ffmpeg.readStdout(MAX_IMAGE_BYTES);
            ffmpeg.awaitSuccess();
            if (feed != null) {
                feed.finish();
            }
            if (png.length == 0) {
                throw HttpError.notAcceptable("No frame available at the requested timestamp");
            }
            return png;
        }
    }

    @FunctionalInterface
    private interface ImageWork {
        byte[] make(ProcessGroup group) throws IOException;
    }

    /** Holds a heavy-work slot (503 beyond the limit), runs {@code work} on a heavy thread, answers with its PNG. */
    private void run(HttpServerRequest request, String what, ImageWork work) {
        HttpServerResponse response = request.response();
        HeavyWork.Permit permit = heavy.acquire(what);
        ProcessGroup group = new ProcessGroup();
        response.closeHandler(v -> group.killAll());
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        try {
            executor.execute(() -> {
                byte[] png = null;
                Throwable failure = null;
                try (permit) {
                    png = work.make(group);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    group.closeAll();
                }
                byte[] result = png;
                Throwable error = failure;
                context.runOnContext(v -> answer(response, what, result, error, group));
            });
        } catch (RejectedExecutionException e) {
            permit.close();
            throw new HttpError(503, "too many requests in progress, try again later", HeavyWork.RETRY_AFTER_SECONDS);
        }
    }

    private static void answer(
            HttpServerResponse response, String what, byte[] png, Throwable failure, ProcessGroup group) {
        if (response.closed() || response.ended()) {
            return;
        }
        if (failure == null) {
            response.putHeader("Content-Type", "image/png").end(Buffer.buffer(png));
        } else if (failure instanceof HttpError) {
            Replies.error(response, failure);
        } else if (group.isKilled()) {
            log.debug("{} abandoned by the client", what);
        } else {
            log.warn("{} failed: {}", what, failure.toString());
            Replies.text(response, 500, what + " failed: " + failure.getMessage());
        }
    }

    static String decimal(double seconds) {
        return java.math.BigDecimal.valueOf(seconds)
                .setScale(6, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros()
                .toPlainString();
    }
}
