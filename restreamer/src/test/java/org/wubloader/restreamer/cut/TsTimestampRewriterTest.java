package org.wubloader.restreamer.cut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against real ffmpeg output, checked with ffprobe. */
class TsTimestampRewriterTest {
    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
    private static final Path FFPROBE = Path.of("/usr/bin/ffprobe");
    private static final long MAX_STEP_TICKS = 9_000; // 0.1 s

    @TempDir
    static Path dir;

    private static Path at1000;
    private static Path at5000;
    /** Starts 0.4 s before the 33-bit wrap (2^33 / 90 kHz = 95443.72 s) and runs across it. */
    private static Path acrossWrap;

    private static List<Path> segments;
    private static Path unsegmented;

    @BeforeAll
    static void makeMedia() throws Exception {
        assertThat(Files.isExecutable(FFMPEG) && Files.isExecutable(FFPROBE))
                .as("ffmpeg and ffprobe are test dependencies (.ci/run installs them)")
                .isTrue();
        at1000 = encode("at1000.ts", 2, "-f", "mpegts", "-output_ts_offset", "1000");
        at5000 = encode("at5000.ts", 2, "-f", "mpegts", "-output_ts_offset", "5000");
        acrossWrap = encode("wrap.ts", 2, "-f", "mpegts", "-output_ts_offset", "95442");
        unsegmented = encode("whole.ts", 6, "-f", "mpegts", "-output_ts_offset", "300");
        run(
                FFMPEG.toString(),
                "-v",
                "error",
                "-i",
                unsegmented.toString(),
                "-c",
                "copy",
                "-f",
                "segment",
                "-segment_time",
                "2",
                "-segment_format",
                "mpegts",
                dir.resolve("seg%d.ts").toString());
        segments = List.of(dir.resolve("seg0.ts"), dir.resolve("seg1.ts"), dir.resolve("seg2.ts"));
    }

    @Test
    void farApartPiecesStartAtZeroAndRunOnWithoutJumps() throws Exception {
        Path out = save("two.ts", rewrite(List.of(at1000, at5000), 65_536));

        assertCleanTiming(out, 4.0);
        assertContinuityCounters(Files.readAllBytes(out));
    }

    @Test
    void ffmpegFindsNoContinuityOrDecodingErrors() throws Exception {
        Path out = save("checked.ts", rewrite(List.of(at1000, at5000, acrossWrap), 65_536));

        String log = run(FFMPEG.toString(), "-v", "debug", "-i", out.toString(), "-f", "null", "-");
        assertThat(log).doesNotContain("Continuity check failed").doesNotContain("Packet corrupt");
        String errors = run(FFMPEG.toString(), "-v", "error", "-i", out.toString(), "-f", "null", "-");
        assertThat(errors).isBlank();
    }

    @Test
    void pieceAcrossThe33BitWrapStaysMonotonic() throws Exception {
        assertCleanTiming(save("wrap-only.ts", rewrite(List.of(acrossWrap), 65_536)), 2.0);
        assertCleanTiming(save("wrap-mid.ts", rewrite(List.of(at1000, acrossWrap, at5000), 65_536)), 6.0);
    }

    @Test
    void consecutiveSegmentsKeepTheirOriginalSpacing() throws Exception {
        Path out = save("segments.ts", rewrite(segments, 65_536));

        assertCleanTiming(out, 6.0);
        Map<Integer, List<long[]>> before = packets(unsegmented);
        Map<Integer, List<long[]>> after = packets(out);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        long shift = after.get(0).get(0)[1] - before.get(0).get(0)[1];
        for (int stream : before.keySet()) {
            List<long[]> b = before.get(stream);
            List<long[]> a = after.get(stream);
            assertThat(a).hasSameSizeAs(b);
            for (int i = 0; i < b.size(); i++) {
                assertThat(a.get(i)[0] - b.get(i)[0])
                        .as("stream %d pts #%d", stream, i)
                        .isEqualTo(shift);
                assertThat(a.get(i)[1] - b.get(i)[1])
                        .as("stream %d dts #%d", stream, i)
                        .isEqualTo(shift);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 187, 188, 189, 65_536})
    void chunkSizeDoesNotChangeTheOutput(int chunk) throws Exception {
        List<Path> pieces = List.of(at1000, acrossWrap, at5000);
        byte[] expected = rewrite(pieces, Integer.MAX_VALUE);
        assertThat(rewrite(pieces, chunk)).isEqualTo(expected);
    }

    @Test
    void randomBytesAreRefused() {
        byte[] noise = new byte[188 * 10];
        new Random(42).nextBytes(noise);
        noise[0] = 0x12;
        assertThatThrownBy(() -> rewrite(List.of(save("noise.bin", noise)), 4096))
                .isInstanceOf(NotMpegTsException.class)
                .hasMessageContaining("not MPEG-TS");
    }

    @Test
    void fragmentedMp4IsRefusedAsMp4() throws Exception {
        Path fmp4 = encode("frag.mp4", 1, "-f", "mp4", "-movflags", "frag_keyframe+empty_moov+default_base_moof");
        Path mp4 = encode("plain.mp4", 1, "-f", "mp4");
        for (Path file : List.of(fmp4, mp4)) {
            for (int chunk : new int[] {1, 7, 65_536}) {
                assertThatThrownBy(() -> rewrite(List.of(at1000, file), chunk))
                        .as("%s in chunks of %d", file.getFileName(), chunk)
                        .isInstanceOf(NotMpegTsException.class)
                        .hasMessageContaining("not MPEG-TS")
                        .hasMessageContaining("piece 2")
                        .hasMessageContaining("MP4");
            }
        }
    }

    @Test
    void truncatedTransportStreamIsRefused() throws Exception {
        byte[] ts = Files.readAllBytes(at1000);
        Path truncated = save("truncated.ts", Arrays.copyOf(ts, ts.length - 100));
        assertThatThrownBy(() -> rewrite(List.of(truncated), 65_536))
                .isInstanceOf(NotMpegTsException.class)
                .hasMessageContaining("not MPEG-TS")
                .hasMessageContaining("not a multiple of 188");

        byte[] shifted = Arrays.copyOfRange(ts, 1, ts.length - 187);
        assertThatThrownBy(() -> rewrite(List.of(save("shifted.ts", shifted)), 65_536))
                .isInstanceOf(NotMpegTsException.class)
                .hasMessageContaining("not MPEG-TS");
    }

    private static void assertCleanTiming(Path file, double expectedSeconds) throws Exception {
        String format = run(
                FFPROBE.toString(),
                "-v",
                "error",
                "-show_entries",
                "format=start_time,duration",
                "-of",
                "default=noprint_wrappers=1",
                file.toString());
        Map<String, Double> fields = new TreeMap<>();
        for (String line : format.strip().split("\n")) {
            String[] kv = line.split("=", 2);
            fields.put(kv[0], Double.parseDouble(kv[1]));
        }
        assertThat(Math.abs(fields.get("start_time"))).as("start_time").isLessThan(0.2);
        assertThat(fields.get("duration"))
                .as("duration")
                .isCloseTo(expectedSeconds, org.assertj.core.data.Offset.offset(0.1));

        Map<Integer, List<long[]>> streams = packets(file);
        assertThat(streams).hasSize(2);
        for (Map.Entry<Integer, List<long[]>> e : streams.entrySet()) {
            List<long[]> ps = e.getValue();
            long[] pts = new long[ps.size()];
            for (int i = 0; i < ps.size(); i++) {
                long[] p = ps.get(i);
                pts[i] = p[0];
                assertThat(p[0])
                        .as("stream %d pts >= dts at #%d", e.getKey(), i)
                        .isGreaterThanOrEqualTo(p[1]);
                assertThat(p[1]).as("stream %d dts at #%d", e.getKey(), i).isBetween(0L, 20 * 90_000L);
                if (i > 0) {
                    long step = p[1] - ps.get(i - 1)[1];
                    assertThat(step)
                            .as("stream %d dts step at #%d", e.getKey(), i)
                            .isBetween(0L, MAX_STEP_TICKS);
                }
            }
            // With B-frames PTS is only monotonic in presentation order.
            Arrays.sort(pts);
            for (int i = 1; i < pts.length; i++) {
                assertThat(pts[i] - pts[i - 1])
                        .as("stream %d pts step", e.getKey())
                        .isBetween(0L, MAX_STEP_TICKS);
            }
        }
    }

    /** stream index → [pts, dts] per packet, in file order. */
    private static Map<Integer, List<long[]>> packets(Path file) throws Exception {
        String csv = run(
                FFPROBE.toString(),
                "-v",
                "error",
                "-show_entries",
                "packet=stream_index,pts,dts",
                "-of",
                "csv=p=0",
                file.toString());
        Map<Integer, List<long[]>> streams = new TreeMap<>();
        for (String line : csv.strip().split("\n")) {
            // Side data (e.g. the MPEG-TS stream id) adds blank lines and trailing fields.
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            streams.computeIfAbsent(Integer.parseInt(f[0]), k -> new ArrayList<>())
                    .add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
        }
        return streams;
    }

    /** Each PID's counter steps by one per payload-carrying packet, whole-file long. */
    private static void assertContinuityCounters(byte[] ts) {
        int[] last = new int[TsPacket.PID_COUNT];
        Arrays.fill(last, -1);
        for (int p = 0; p < ts.length; p += TsPacket.SIZE) {
            int pid = TsPacket.pid(ts, p);
            int cc = TsPacket.continuityCounter(ts, p);
            if (pid != TsPacket.NULL_PID && last[pid] >= 0) {
                int expected = TsPacket.hasPayload(ts, p) ? (last[pid] + 1) & 0x0F : last[pid];
                assertThat(cc).as("cc of pid %d at byte %d", pid, p).isEqualTo(expected);
            }
            last[pid] = cc;
        }
    }

    private static byte[] rewrite(List<Path> pieces, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TsTimestampRewriter rewriter = new TsTimestampRewriter(out::write);
        for (Path piece : pieces) {
            byte[] data = Files.readAllBytes(piece);
            rewriter.beginPiece();
            for (int i = 0; i < data.length; i += Math.min(chunk, data.length - i)) {
                rewriter.write(data, i, Math.min(chunk, data.length - i));
            }
            rewriter.endPiece();
        }
        rewriter.finish();
        return out.toByteArray();
    }

    private static Path encode(String name, int seconds, String... output) throws Exception {
        Path file = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(
                FFMPEG.toString(),
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=160x120:rate=25",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:sample_rate=48000",
                "-t",
                Integer.toString(seconds),
                "-c:v",
                "libx264",
                "-g",
                "25",
                "-c:a",
                "aac"));
        cmd.addAll(List.of(output));
        cmd.add(file.toString());
        run(cmd.toArray(String[]::new));
        return file;
    }

    private static Path save(String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), data);
    }

    /** Runs a command to completion; returns stdout and stderr together. */
    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("%s finished", command[0])
                .isTrue();
        assertThat(process.exitValue())
                .as("%s failed:%n%s", String.join(" ", command), output)
                .isZero();
        return output;
    }
}
