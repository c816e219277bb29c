package org.wubloader.restreamer.cut;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a trim needs to know about one segment file, parsed from ffprobe's JSON (pure).
 *
 * @param startTime the file's first timestamp in seconds (the segment's nominal start maps here)
 * @param streams in file order
 * @param programId MPEG-TS program number, or -1
 * @param pmtPid MPEG-TS PMT PID, or -1
 * @param videoKeyframes key frame times (seconds, file timestamps) of the first video stream
 */
public record MediaInfo(
        double startTime, List<Stream> streams, int programId, int pmtPid, List<Double> videoKeyframes) {

    /**
     * @param pid the MPEG-TS PID, or -1 when unknown (not MPEG-TS)
     * @param reorderedFrames ffprobe's {@code has_b_frames}: frames of decode-order delay (B-frames)
     */
    public record Stream(int index, String type, String codec, int pid, int reorderedFrames) {
        public boolean video() {
            return "video".equals(type);
        }
    }

    /** The ffprobe arguments whose output {@link #parse} reads. */
    public static final List<String> PROBE_ARGS = List.of(
            "-show_entries",
            "format=start_time:stream=index,codec_type,codec_name,id,has_b_frames:program=program_id,pmt_pid:packet=stream_index,pts_time,flags");

    public static MediaInfo parse(JsonNode root) {
        double start = root.path("format").path("start_time").asDouble(0);
        List<Stream> streams = new ArrayList<>();
        int firstVideo = -1;
        for (JsonNode s : root.path("streams")) {
            Stream stream = new Stream(
                    s.path("index").asInt(),
                    s.path("codec_type").asText(""),
                    s.path("codec_name").asText(""),
                    pid(s.path("id").asText("")),
                    s.path("has_b_frames").asInt(0));
            streams.add(stream);
            if (firstVideo < 0 && stream.video()) {
                firstVideo = stream.index();
            }
        }
        int programId = -1;
        int pmtPid = -1;
        for (JsonNode p : root.path("programs")) {
            programId = p.path("program_id").asInt(-1);
            pmtPid = p.path("pmt_pid").asInt(-1);
            break;
        }
        List<Double> keyframes = new ArrayList<>();
        for (JsonNode packet : root.path("packets")) {
            if (packet.path("stream_index").asInt(-1) == firstVideo
                    && packet.path("flags").asText("").indexOf('K') >= 0
                    && packet.hasNonNull("pts_time")) {
                keyframes.add(packet.path("pts_time").asDouble());
            }
        }
        return new MediaInfo(start, List.copyOf(streams), programId, pmtPid, List.copyOf(keyframes));
    }

    /** True if a video key frame lies within {@code toleranceSeconds} of {@code offset} seconds into the file. */
    public boolean keyframeAt(double offset, double toleranceSeconds) {
        for (double k : videoKeyframes) {
            if (Math.abs(k - startTime - offset) <= toleranceSeconds) {
                return true;
            }
        }
        return false;
    }

    /** Whether the video has B-frames (frames presented after later-decoded ones). */
    public boolean videoHasBFrames() {
        return streams.stream().anyMatch(s -> s.video() && s.reorderedFrames() > 0);
    }

    public boolean hasVideo() {
        return streams.stream().anyMatch(Stream::video);
    }

    private static int pid(String id) {
        try {
            return id.startsWith("0x") ? Integer.parseInt(id.substring(2), 16) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
