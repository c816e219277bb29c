package org.wubloader.restreamer.cut;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;

class FfmpegArgsTest {
    private static final String PROBE = """
            {"packets": [
               {"stream_index": 0, "pts_time": "3.421333", "flags": "K_"},
               {"stream_index": 1, "pts_time": "3.426667", "flags": "K_"},
               {"stream_index": 0, "pts_time": "3.461333", "flags": "__"},
               {"stream_index": 0, "pts_time": "4.421333", "flags": "K_"}],
             "programs": [{"program_id": 1, "pmt_pid": 4096}],
             "streams": [{"index": 0, "codec_name": "h264", "codec_type": "video", "id": "0x100"},
                         {"index": 1, "codec_name": "aac", "codec_type": "audio", "id": "0x101"}],
             "format": {"start_time": "3.421333"}}
            """;

    static MediaInfo info() throws IOException {
        return MediaInfo.parse(new ObjectMapper().readTree(PROBE));
    }

    static Segment seg() {
        return SegmentPath.parse("/b/"
                + SegmentPath.relativePath(
                        "c",
                        "q",
                        1_573_610_400_000_000L,
                        2.0,
                        SegmentType.FULL,
                        "47DEQpj8HBSa_-TImW_5JCeuQeRkm5NMpJWZG3hSuFU"));
    }

    @Test
    void probeOutputIsParsed() throws IOException {
        MediaInfo info = info();
        assertThat(info.startTime()).isEqualTo(3.421333);
        assertThat(info.streams()).extracting(MediaInfo.Stream::pid).containsExactly(0x100, 0x101);
        assertThat(info.videoKeyframes()).containsExactly(3.421333, 4.421333);
        assertThat(info.programId()).isEqualTo(1);
        assertThat(info.pmtPid()).isEqualTo(4096);
    }

    @Test
    void startBetweenKeyFramesReencodesVideoOnlyAndKeepsTheTimeline() throws IOException {
        Piece.Trimmed piece = new Piece.Trimmed(seg(), 500_000, -1);
        List<String> args = FfmpegArgs.trim(Path.of("/x.ts"), piece, info());
        assertThat(FfmpegArgs.reencodes(piece, info())).isTrue();
        assertThat(String.join(" ", args))
                .contains(
                        "-i /x.ts -ss 0.5 -map 0:0 -c:0 libx264",
                        "-fps_mode:0 passthrough -enc_time_base:0 1:90000 -streamid 0:256",
                        "-map 0:1 -c:1 copy -streamid 1:257",
                        "-mpegts_service_id 1 -mpegts_pmt_start_pid 4096",
                        "-output_ts_offset 3.921333 -mpegts_copyts 1 -f mpegts pipe:1");
        assertThat(args).doesNotContain("-t");
    }

    @Test
    void startOnAKeyFrameOrOnlyAnEndTrimIsAStreamCopy() throws IOException {
        Piece.Trimmed onKeyframe = new Piece.Trimmed(seg(), 1_000_000, 1_500_000);
        assertThat(FfmpegArgs.reencodes(onKeyframe, info())).isFalse();
        assertThat(String.join(" ", FfmpegArgs.trim(Path.of("/x.ts"), onKeyframe, info())))
                .contains("-ss 1 -t 0.5 -map 0:0 -c:0 copy")
                .contains("-output_ts_offset 4.421333");
        Piece.Trimmed endOnly = new Piece.Trimmed(seg(), 0, 1_300_000);
        assertThat(String.join(" ", FfmpegArgs.trim(Path.of("/x.ts"), endOnly, info())))
                .doesNotContain("-ss")
                .contains("-t 1.3 -map 0:0 -c:0 copy")
                .contains("-output_ts_offset 3.421333");
    }

    @Test
    void fullEncodeIsLosslessX264AndShiftsLaterRanges() {
        assertThat(String.join(" ", FfmpegArgs.encode(1_500_000, 5_800_000, 0)))
                .contains("-i pipe:0 -ss 1.5 -t 5.8")
                .contains("-c:v libx264 -preset ultrafast -crf 0")
                .doesNotContain("output_ts_offset");
        assertThat(String.join(" ", FfmpegArgs.encode(0, 2_000_000, 5_800_000))).contains("-output_ts_offset 5.8");
    }
}
