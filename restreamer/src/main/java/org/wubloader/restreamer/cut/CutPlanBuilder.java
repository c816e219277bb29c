package org.wubloader.restreamer.cut;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wubloader.common.segment.Hole;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.Span;
import org.wubloader.common.storage.HourIndex;
import org.wubloader.common.storage.SegmentListing;
import org.wubloader.common.storage.SegmentStore;
import org.wubloader.restreamer.editor.SegmentSource;
import org.wubloader.restreamer.http.HttpError;

/**
 * Resolves a cut request against the disk (docs/api.md §4.5): 404 for an unknown channel/quality, 406 for
 * holes (unless allowed) or a range with no content, 400 for a smart cut of non-MPEG-TS segments.
 * Blocking: runs on a cut thread before any byte of the response is sent.
 */
public final class CutPlanBuilder {
    private static final int TS_CHECK_BYTES = 3 * 188;

    private final SegmentStore store;
    private final SegmentSource segments;

    public CutPlanBuilder(SegmentStore store, SegmentSource segments) {
        this.store = store;
        this.segments = segments;
    }

    public CutPlan build(String channel, String quality, CutRequest request) throws IOException {
        Path qualityDir = segments.qualityDir(channel, quality);
        List<String> hours = SegmentListing.hours(qualityDir, store.inside());
        List<CutPlan.PlannedRange> ranges = new ArrayList<>();
        for (CutRequest.TimeRange range : request.ranges()) {
            long start = range.start() != null ? range.start() : earliest(channel, quality, hours);
            long end = range.end() != null ? range.end() : latest(channel, quality, hours);
            if (end <= start) {
                throw HttpError.notAcceptable("We have no content available within the requested time range.");
            }
            List<Span> spans = segments.best(channel, quality, start, end);
            if (!request.allowHoles() && spans.stream().anyMatch(s -> s instanceof Hole)) {
                throw HttpError.notAcceptable("Requested time range contains holes or is incomplete.");
            }
            if (spans.stream().noneMatch(s -> s instanceof Segment)) {
                throw HttpError.notAcceptable("We have no content available within the requested time range.");
            }
            ranges.add(new CutPlan.PlannedRange(start, end, spans));
        }
        if (request.type() == CutType.SMART) {
            for (CutPlan.PlannedRange range : ranges) {
                requireMpegTs(firstSegment(range.spans()));
            }
        }
        Map<String, Long> sizes = new HashMap<>();
        long contentLength = -1;
        if (request.type() == CutType.ROUGH) {
            contentLength = 0;
            for (CutPlan.PlannedRange range : ranges) {
                for (Piece piece : CutPlanner.rough(range.spans())) {
                    long size = Files.size(Path.of(piece.segment().path()));
                    sizes.put(piece.segment().path(), size);
                    contentLength += size;
                }
            }
        }
        return new CutPlan(
                request.type(), List.copyOf(ranges), request.transitions(), Map.copyOf(sizes), contentLength);
    }

    private long earliest(String channel, String quality, List<String> hours) throws IOException {
        for (String hour : hours) {
            HourIndex index = store.hour(channel, quality, hour);
            if (!index.chosen().isEmpty()) {
                return index.chosen().get(0).startMicros();
            }
        }
        throw HttpError.notAcceptable("We have no content available within the requested time range.");
    }

    private long latest(String channel, String quality, List<String> hours) throws IOException {
        for (int i = hours.size() - 1; i >= 0; i--) {
            List<Segment> chosen = store.hour(channel, quality, hours.get(i)).chosen();
            if (!chosen.isEmpty()) {
                long end = Long.MIN_VALUE;
                for (Segment s : chosen) {
                    end = Math.max(end, s.endMicros());
                }
                return end;
            }
        }
        throw HttpError.notAcceptable("We have no content available within the requested time range.");
    }

    private static Segment firstSegment(List<Span> spans) {
        for (Span s : spans) {
            if (s instanceof Segment segment) {
                return segment;
            }
        }
        throw new IllegalStateException("range without segments");
    }

    /** The smart cut rewrites MPEG-TS; Twitch's fMP4-in-.ts segments must be refused up front. */
    private static void requireMpegTs(Segment segment) throws IOException {
        byte[] head = new byte[TS_CHECK_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(Path.of(segment.path()))) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n == 0 || !TsTimestampRewriter.looksLikeMpegTs(head, 0, n)) {
            throw HttpError.badRequest("type=smart needs MPEG-TS segments, and " + segment.fileName()
                    + " is not MPEG-TS (fragmented MP4?); use type=fast or type=mpegts");
        }
    }
}
