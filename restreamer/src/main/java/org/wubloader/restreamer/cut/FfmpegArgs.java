package org.wubloader.restreamer.cut;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wubloader.common.exec.Ffmpeg;

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

    /** The mpegts cut's video (docs/api.md §4.5): libx264 at its fastest preset, lossless (CRF 0). */
    private static final List<String> LOSSLESS_H264 = List.of("-c:v", "libx264", "-preset", "ultrafast", "-crf", "0");

    private FfmpegArgs() {}

    private static List<String> base() {
        return new ArrayList<>(Ffmpeg.QUIET);
    }

    /**
     * Whether trimming {@code piece} re-encodes its video: it starts between key frames, or it
     * ends inside a video with B-frames. A stream copy stops at a decode-order (DTS) boundary,
     * and with B-frames the last packets kept are presented up to the reorder delay later: cuts
     * of such video ran 2–4 frames long at the end.
     */
    public static boolean reencodes(Piece.Trimmed piece, MediaInfo info) {
        if (!info.hasVideo()) {
            return false;
        }
        boolean startBetweenKeyframes =
                piece.trimsStart() && !info.keyframeAt(seconds(piece.fromMicros()), KEYFRAME_TOLERANCE_SECONDS);
        return startBetweenKeyframes || (piece.trimsEnd() && info.videoHasBFrames());
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
        args.addAll(List.of(
                "-output_ts_offset",
                decimal(info.startTime() + from),
                "-mpegts_copyts",
                "1",
                "-f",
                "mpegts",
                "pipe:1"));
        return args;
    }

    /**
     * Full re-encode of one range whose covering segments are fed on stdin (docs/api.md §4.5
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
        args.addAll(List.of("-t", decimal(seconds(durationMicros)), "-map", "0:v?", "-map", "0:a?"));
        args.addAll(LOSSLESS_H264);
        args.addAll(List.of("-fps_mode:v", "passthrough", "-enc_time_base:v", "1:90000", "-c:a", "copy"));
        if (offsetMicros > 0) {
            args.addAll(List.of("-output_ts_offset", decimal(seconds(offsetMicros))));
        }
        args.addAll(List.of("-f", "mpegts", "pipe:1"));
        return args;
    }

    /** One range of a filter-graph cut: its covering segment files, and where in them it lies. */
    public record GraphRange(List<Path> files, long skipMicros, long durationMicros) {}

    /**
     * One ffmpeg over every range (docs/api.md: {@code mpegts} with transitions, and {@code webm}): each
     * range an input (its segments joined by the {@code concat:} protocol, seeked and bounded
     * with input {@code -ss}/{@code -t}, which trims audio and video at the same point), joined
     * left to right by {@code concat} for a hard cut, or {@code xfade} + {@code acrossfade} over a
     * transition's D seconds, the xfade starting where the joined output's last D seconds begin.
     *
     * @param transitions one per gap (ranges − 1)
     */
    public static List<String> graph(List<GraphRange> ranges, List<Transition> transitions, CutType type) {
        List<String> args = base();
        for (GraphRange r : ranges) {
            if (r.skipMicros() > 0) {
                args.addAll(List.of("-ss", decimal(seconds(r.skipMicros()))));
            }
            args.addAll(List.of("-t", decimal(seconds(r.durationMicros())), "-i", concatUrl(r.files())));
        }
        StringBuilder g = new StringBuilder();
        for (int i = 0; i < ranges.size(); i++) {
            // Every input from 0, on one time base, so xfade's and concat's inputs agree.
            g.append('[')
                    .append(i)
                    .append(":v:0]setpts=PTS-STARTPTS,settb=AVTB[v")
                    .append(i)
                    .append("];");
            g.append('[')
                    .append(i)
                    .append(":a:0]asetpts=PTS-STARTPTS[a")
                    .append(i)
                    .append("];");
        }
        String v = "v0";
        String a = "a0";
        long length = ranges.get(0).durationMicros();
        for (int i = 1; i < ranges.size(); i++) {
            Transition t = transitions.get(i - 1);
            String nv = "jv" + i;
            String na = "ja" + i;
            if (t.hard()) {
                g.append('[')
                        .append(v)
                        .append("][")
                        .append(a)
                        .append("][v")
                        .append(i)
                        .append("][a")
                        .append(i)
                        .append("]concat=n=2:v=1:a=1[")
                        .append(nv)
                        .append("][")
                        .append(na)
                        .append("];");
                length += ranges.get(i).durationMicros();
            } else {
                String d = decimal(seconds(t.durationMicros()));
                g.append('[')
                        .append(v)
                        .append("][v")
                        .append(i)
                        .append("]xfade=")
                        .append(CustomTransitions.xfadeOptions(t.type()))
                        .append(":duration=")
                        .append(d)
                        .append(":offset=")
                        .append(decimal(seconds(length - t.durationMicros())))
                        .append('[')
                        .append(nv)
                        .append("];");
                g.append('[')
                        .append(a)
                        .append("][a")
                        .append(i)
                        .append("]acrossfade=d=")
                        .append(d)
                        .append('[')
                        .append(na)
                        .append("];");
                length += ranges.get(i).durationMicros() - t.durationMicros();
            }
            v = nv;
            a = na;
        }
        g.append('[').append(v).append("]null[vout];[").append(a).append("]anull[aout]");
        args.addAll(List.of("-filter_complex", g.toString(), "-map", "[vout]", "-map", "[aout]"));
        if (type == CutType.WEBM) {
            // realtime + cpu-used 8: the fastest libvpx settings, as a cut is streamed while made
            args.addAll(List.of(
                    "-c:v",
                    "libvpx-vp9",
                    "-deadline",
                    "realtime",
                    "-cpu-used",
                    "8",
                    "-row-mt",
                    "1",
                    "-b:v",
                    "0",
                    "-crf",
                    "33",
                    "-c:a",
                    "libopus",
                    "-b:a",
                    "128k",
                    "-f",
                    "webm",
                    "pipe:1"));
        } else {
            args.addAll(LOSSLESS_H264);
            args.addAll(List.of("-c:a", "aac", "-b:a", "192k", "-f", "mpegts", "pipe:1"));
        }
        return args;
    }

    /** ffmpeg's {@code concat:} protocol over whole files (MPEG-TS segments join byte-wise). */
    static String concatUrl(List<Path> files) {
        StringBuilder url = new StringBuilder("concat:");
        for (int i = 0; i < files.size(); i++) {
            String f = files.get(i).toString();
            if (f.indexOf('|') >= 0) {
                throw new IllegalArgumentException("cannot pass a path containing '|' to ffmpeg's concat: " + f);
            }
            url.append(i == 0 ? "" : "|").append(f);
        }
        return url.toString();
    }

    static double seconds(long micros) {
        return micros / 1_000_000d;
    }

    /** Plain decimal with at most 6 fractional digits (never scientific notation). */
    static String decimal(double seconds) {
        return BigDecimal.valueOf(seconds)
                .setScale(6, RoundingMode.HALF_EVEN)
                .stripTrailingZeros()
                .toPlainString();
    }
}
