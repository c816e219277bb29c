package org.wubloader.restreamer.cut;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ffmpeg command lines for cuts (pure). The recipes were checked against ffmpeg 5.1 with ffprobe:
 *
 * <ul>
 *   <li>Trims seek with an <em>output</em> {@code -ss}: an input seek in MPEG-TS lands after the
 *       segment's only key frame and drops every video frame.</li>
 *   <li>Timestamps: output starts at 0 after {@code -ss}; {@code -output_ts_offset} puts it back at
 *       the segment's own timeline, and {@code -mpegts_copyts 1} stops the muxer adding its 1.4 s,
 *       so the trimmed piece continues seamlessly into the untouched segments that follow.</li>
 *   <li>Only video needs re-encoding to start between key frames; audio frames all stand alone, so
 *       audio is copied (re-encoding AAC adds 1024 priming samples: 21 ms of offset).</li>
 *   <li>The re-encoded video keeps exact source timestamps ({@code -fps_mode passthrough},
 *       90 kHz encoder time base; the default 1/framerate rounds the first frame a frame late)
 *       and has no B-frames, so its DTS never runs backwards into the previous piece.</li>
 *   <li>PIDs, program number and PMT PID are those of the source, so players (and the smart
 *       cut's timestamp rewriter) see one continuous set of streams.</li>
 * </ul>
 */
public final class FfmpegArgs {
    /** A start within this of a key frame is cut there by stream copy. */
    public static final double KEYFRAME_TOLERANCE_SECONDS = 0.001;

    private static final Map<String, List<String>> VIDEO_ENCODERS = Map.of(
            "h264", List.of("libx264", "-preset", "veryfast", "-crf", "18", "-bf", "0"),
            "hevc", List.of("libx265", "-preset", "veryfast", "-crf", "20", "-x265-params", "bframes=0"));

    private FfmpegArgs() {}

    private static List<String> base() {
        return new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin"));
    }

    /** Whether trimming {@code piece} re-encodes its video (it starts between key frames). */
    public static boolean reencodes(Piece.Trimmed piece, MediaInfo info) {
        return piece.trimsStart()
                && info.hasVideo()
                && !info.keyframeAt(seconds(piece.fromMicros()), KEYFRAME_TOLERANCE_SECONDS);
    }

    /** Trims one segment file to MPEG-TS on stdout. */
    public static List<String> trim(Path file, Piece.Trimmed piece, MediaInfo info) {
        boolean reencode = reencodes(piece, info);
        List<String> args = base();
        args.addAll(List.of("-i", file.toString()));
        double from = seconds(piece.fromMicros());
        if (piece.trimsStart()) {
            args.addAll(List.of("-ss", decimal(from)));
        }
        if (piece.trimsEnd()) {
            args.addAll(List.of("-t", decimal(seconds(piece.toMicros() - piece.fromMicros()))));
        }
        int out = 0;
        for (MediaInfo.Stream stream : info.streams()) {
            String o = Integer.toString(out);
            args.addAll(List.of("-map", "0:" + stream.index()));
            List<String> encoder = VIDEO_ENCODERS.get(stream.codec());
            if (reencode && stream.video() && encoder != null) {
                args.addAll(List.of("-c:" + o, encoder.get(0)));
                for (int i = 1; i + 1 < encoder.size(); i += 2) {
                    args.addAll(List.of(encoder.get(i) + ":" + o, encoder.get(i + 1)));
                }
                args.addAll(List.of("-fps_mode:" + o, "passthrough", "-enc_time_base:" + o, "1:90000"));
            } else {
                args.addAll(List.of("-c:" + o, "copy"));
            }
            if (stream.pid() > 0) {
                args.addAll(List.of("-streamid", o + ":" + stream.pid()));
            }
            out++;
        }
        if (info.programId() > 0) {
            args.addAll(List.of("-mpegts_service_id", Integer.toString(info.programId())));
        }
        if (info.pmtPid() > 0) {
            args.addAll(List.of("-mpegts_pmt_start_pid", Integer.toString(info.pmtPid())));
        }
        args.addAll(List.of("-output_ts_offset", decimal(info.startTime() + from), "-mpegts_copyts", "1", "-f", "mpegts", "pipe:1"));
        return args;
    }

    /**
     * Full re-encode of one range whose covering segments are fed on stdin (SPEC §4.5
     * {@code mpegts}: libx264 ultrafast, lossless). Later ranges are shifted by the length of the
     * earlier ones so the concatenated output's timestamps run on.
     *
     * @param skipMicros how far into the first segment the range starts
     * @param durationMicros the range's length
     * @param offsetMicros total length of the ranges before this one
     */
    public static List<String> encode(long skipMicros, long durationMicros, long offsetMicros) {
        List<String> args = base();
        args.addAll(List.of("-i", "pipe:0"));
        if (skipMicros > 0) {
            args.addAll(List.of("-ss", decimal(seconds(skipMicros))));
        }
        args.addAll(List.of("-t", decimal(seconds(durationMicros)),
                "-map", "0:v?", "-map", "0:a?",
                "-c:v", "libx264", "-preset", "ultrafast", "-crf", "0",
                "-fps_mode:v", "passthrough", "-enc_time_base:v", "1:90000",
                "-c:a", "copy"));
        if (offsetMicros > 0) {
            args.addAll(List.of("-output_ts_offset", decimal(seconds(offsetMicros))));
        }
        args.addAll(List.of("-f", "mpegts", "pipe:1"));
        return args;
    }

    static double seconds(long micros) {
        return micros / 1_000_000d;
    }

    /** Plain decimal with at most 6 fractional digits (never scientific notation). */
    static String decimal(double seconds) {
        return BigDecimal.valueOf(seconds).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
