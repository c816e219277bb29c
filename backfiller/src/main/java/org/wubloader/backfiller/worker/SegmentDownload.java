package org.wubloader.backfiller.worker;

import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.wubloader.common.http.BodyToSegment;
import org.wubloader.common.http.HttpClientException;
import org.wubloader.common.http.HttpGet;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.storage.SegmentFileWriter;

/**
 * One segment copied from a peer (docs/backfill.md §5.2 step 4): streamed to a temp file while hashed,
 * published under its name only if the bytes hash to what the name says. Whatever happens — a
 * mismatch, a 500, a truncated or stalled body, an abort at shutdown — the result arrives only
 * after the temp file is gone.
 */
final class SegmentDownload implements InFlight.Abortable {
    private final PeerClient client;
    private final Path qualityDir;
    private final Segment segment;
    private final TransferSlot slot = new TransferSlot();

    SegmentDownload(PeerClient client, Path qualityDir, Segment segment) {
        this.client = client;
        this.qualityDir = qualityDir;
        this.segment = segment;
    }

    Segment segment() {
        return segment;
    }

    /**
     * The name exactly as the peer listed it ({@link HourPlan} parses each listed name with the
     * name as its path), validated there. Fetched and stored under this, never a re-formatting:
     * docs/storage.md §2.1 allows 1–6 fractional digits and any duration text, and a peer serves only the
     * name it has (the incident: {@code 00:00.5-2.0-full-H.ts} requested as
     * {@code 00:00.500000-…} → 404 on every pass).
     */
    private String listedName() {
        return segment.path();
    }

    /**
     * Runs the download; the future never fails (failures are results). Call from a thread that
     * may block (the unit's worker thread, which waits for a download slot anyway): the temp file
     * is opened here, not on a Vert.x worker, which saves two thread hand-offs per segment.
     */
    Future<DownloadResult> run() {
        SegmentFileWriter writer;
        try {
            writer = open();
        } catch (java.io.IOException | RuntimeException e) {
            return Future.succeededFuture(DownloadResult.failed(e));
        }
        if (writer == null) {
            return Future.succeededFuture(new DownloadResult(DownloadResult.Kind.ALREADY_PRESENT, 0, null));
        }
        return client.onContext(() -> fetchInto(writer)).otherwise(DownloadResult::failed);
    }

    /** Opens the temp file, or returns null if the segment is already here. */
    private SegmentFileWriter open() throws java.io.IOException {
        String reason = slot.abortReason();
        if (reason != null) {
            throw HttpClientException.aborted(reason);
        }
        Path target = qualityDir.resolve(segment.hour()).resolve(listedName());
        if (Files.exists(target)) {
            return null;
        }
        return SegmentFileWriter.open(
                qualityDir, segment.startMicros(), segment.duration(), StaleTemps.TAG, client.writeMode());
    }

    private Future<DownloadResult> fetchInto(SegmentFileWriter writer) {
        Future<Long> copied;
        try {
            HttpGet t = slot.attach(client.segmentGet(
                    "get_remote_segment",
                    List.of(segment.channel(), segment.quality(), segment.hour(), listedName()),
                    client.segmentLimits()));
            copied = t.run(body -> BodyToSegment.copy(client.context().owner(), body, writer));
        } catch (RuntimeException e) {
            // Through the same clean-up as any failure: the temp file exists already.
            copied = Future.failedFuture(e);
        }
        return copied.compose(bytes -> client.context()
                        .executeBlocking(
                                () -> {
                                    writer.finishAs(listedName(), segment.hash());
                                    return DownloadResult.downloaded(bytes);
                                },
                                false))
                .recover(error -> client.context()
                        .executeBlocking(
                                () -> {
                                    writer.abort();
                                    return null;
                                },
                                false)
                        .transform(cleaned -> Future.succeededFuture(
                                error instanceof SegmentFileWriter.HashMismatchException
                                        ? new DownloadResult(DownloadResult.Kind.HASH_MISMATCH, 0, error)
                                        : DownloadResult.failed(error))));
    }

    @Override
    public void abort(String reason) {
        slot.abort(reason);
    }

    @Override
    public String describe() {
        return client.peer().name() + " " + segment.channel() + "/" + segment.quality() + "/" + segment.hour() + "/"
                + listedName() + " " + slot.bytes() + " bytes";
    }
}
