package org.wubloader.restreamer.cut;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wubloader.common.exec.ExternalProcess;
import org.wubloader.common.exec.ProcessGroup;
import org.wubloader.common.exec.StdinFeed;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.Span;
import org.wubloader.restreamer.http.ClientGoneException;

/**
 * Runs one cut plan on one producer thread, writing to a {@link CutOutput}. Every process it
 * starts is registered; {@link #cancel} (the client left, or the service is stopping) kills them
 * all at once, which also unblocks whatever the producer was waiting on. Nothing is written to
 * disk: trims read the segment file and write to a pipe.
 */
public final class CutJob {
    private static final int PIPE_READ_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CutPlan plan;
    private final ProcessGroup processes = new ProcessGroup();
    private volatile boolean cancelled;

    public CutJob(CutPlan plan) {
        this.plan = plan;
    }

    /** Kills every process of this job; the producer then fails fast. */
    public void cancel() {
        cancelled = true;
        processes.killAll();
    }

    public int runningProcesses() {
        return processes.size();
    }

    public void run(CutOutput out) throws IOException {
        try {
            if (plan.usesGraph()) {
                graph(out);
            } else if (plan.type() == CutType.MPEGTS) {
                encode(out);
            } else {
                for (CutPlan.PlannedRange range : plan.ranges()) {
                    List<Piece> pieces = plan.type() == CutType.ROUGH
                            ? CutPlanner.rough(range.spans())
                            : CutPlanner.exact(range.spans(), range.startMicros(), range.endMicros());
                    for (Piece piece : pieces) {
                        checkCancelled();
                        out.beginPiece();
                        if (piece instanceof Piece.Trimmed trimmed) {
                            trim(trimmed, out);
                        } else {
                            String path = piece.segment().path();
                            out.writeFile(Path.of(path), plan.sizes().getOrDefault(path, -1L));
                        }
                        out.endPiece();
                    }
                }
            }
            out.finish();
        } finally {
            processes.closeAll();
        }
    }

    private void trim(Piece.Trimmed piece, CutOutput out) throws IOException {
        Path file = Path.of(piece.segment().path());
        MediaInfo info = probe(file);
        if (piece.trimsStart()) {
            // the trim keeps source timestamps: the cut point is at start_time + from
            out.origin(info.startTime() + FfmpegArgs.seconds(piece.fromMicros()));
        }
        try (ExternalProcess ffmpeg = start(FfmpegArgs.trim(file, piece, info))) {
            pump(ffmpeg.stdout(), out);
            checkCancelled();
            ffmpeg.awaitSuccess();
        }
    }

    private MediaInfo probe(Path file) throws IOException {
        List<String> command = new ArrayList<>(List.of("ffprobe", "-hide_banner", "-v", "error", "-of", "json"));
        command.addAll(MediaInfo.PROBE_ARGS);
        command.add(file.toString());
        try (ExternalProcess ffprobe = start(command)) {
            byte[] json = ffprobe.stdout().readAllBytes();
            checkCancelled();
            ffprobe.awaitSuccess();
            return MediaInfo.parse(JSON.readTree(json));
        }
    }

    /** docs/api.md §4.5 {@code mpegts}: one ffmpeg per range, fed the range's segments on stdin. */
    private void encode(CutOutput out) throws IOException {
        long offset = 0;
        for (CutPlan.PlannedRange range : plan.ranges()) {
            RangeFiles files = RangeFiles.of(range);
            long duration = range.endMicros() - range.startMicros();
            try (ExternalProcess ffmpeg = start(FfmpegArgs.encode(files.skip(range), duration, offset))) {
                StdinFeed feed = StdinFeed.files(files.files(), ffmpeg.stdin());
                out.beginPiece();
                pump(ffmpeg.stdout(), out);
                out.endPiece();
                checkCancelled();
                ffmpeg.awaitSuccess();
                feed.finish();
            }
            offset += duration;
        }
    }

    /** One ffmpeg filter graph over every range ({@link FfmpegArgs#graph}). */
    private void graph(CutOutput out) throws IOException {
        List<FfmpegArgs.GraphRange> inputs = new ArrayList<>();
        for (CutPlan.PlannedRange range : plan.ranges()) {
            RangeFiles files = RangeFiles.of(range);
            inputs.add(new FfmpegArgs.GraphRange(
                    files.files(),
                    files.skip(range),
                    range.endMicros() - Math.max(range.startMicros(), files.firstStart())));
        }
        CutType encoding = plan.type() == CutType.WEBM ? CutType.WEBM : CutType.MPEGTS;
        try (ExternalProcess ffmpeg = start(FfmpegArgs.graph(inputs, plan.transitions(), encoding))) {
            ffmpeg.stdin().close();
            out.beginPiece();
            pump(ffmpeg.stdout(), out);
            out.endPiece();
            checkCancelled();
            ffmpeg.awaitSuccess();
        }
    }

    /** A range's segment files in order, and the start of the first (Long.MIN_VALUE if none). */
    private record RangeFiles(List<Path> files, long firstStart) {
        static RangeFiles of(CutPlan.PlannedRange range) {
            List<Path> files = new ArrayList<>();
            long firstStart = Long.MIN_VALUE;
            for (Span span : range.spans()) {
                if (span instanceof Segment s) {
                    if (files.isEmpty()) {
                        firstStart = s.startMicros();
                    }
                    files.add(Path.of(s.path()));
                }
            }
            return new RangeFiles(files, firstStart);
        }

        /** How far into the first file the range starts: what ffmpeg skips. */
        long skip(CutPlan.PlannedRange range) {
            return Math.max(0, range.startMicros() - firstStart);
        }
    }

    private void pump(InputStream in, CutOutput out) throws IOException {
        while (true) {
            byte[] buf = new byte[PIPE_READ_BYTES];
            int n = in.readNBytes(buf, 0, buf.length);
            if (n > 0) {
                out.write(buf, n);
            }
            if (n < buf.length) {
                return;
            }
        }
    }

    private ExternalProcess start(List<String> command) throws IOException {
        checkCancelled();
        return ExternalProcess.start(command, processes);
    }

    private void checkCancelled() throws ClientGoneException {
        if (cancelled) {
            throw new ClientGoneException();
        }
    }
}
