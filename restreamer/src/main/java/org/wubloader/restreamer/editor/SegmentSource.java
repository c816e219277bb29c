package org.wubloader.restreamer.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wubloader.common.metrics.Timed;
import org.wubloader.common.segment.Hole;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.Span;
import org.wubloader.common.storage.BestSegments;
import org.wubloader.common.storage.SegmentStore;
import org.wubloader.restreamer.files.SafeResolver;
import org.wubloader.restreamer.http.HttpError;

/**
 * The best segments of a range for the editor endpoints: 404 for an unknown channel/quality
 * (resolved inside the base directory), timed as the original's
 * {@code get_best_segments{hours_path,has_holes}} normalised by the segments found. Blocking.
 */
public final class SegmentSource {
    private final SafeResolver resolver;
    private final SegmentStore store;
    private final Timed timed;

    public SegmentSource(SafeResolver resolver, SegmentStore store, Timed timed) {
        this.resolver = resolver;
        this.store = store;
        this.timed = timed;
    }

    /** The quality directory, or 404. */
    public Path qualityDir(String channel, String quality) throws IOException {
        Path dir = resolver.resolveExisting(List.of(channel, quality));
        if (dir == null || !Files.isDirectory(dir)) {
            throw HttpError.notFound("no such channel or quality");
        }
        return dir;
    }

    /** The best segments and holes over {@code [start, end)}, holes allowed. */
    public List<Span> best(String channel, String quality, long startMicros, long endMicros) throws IOException {
        Path dir = qualityDir(channel, quality);
        Timed.Operation op = timed.start("get_best_segments", "hours_path", dir.toString());
        List<Span> spans;
        try {
            spans = store.bestSegments(channel, quality, startMicros, endMicros, true);
        } catch (BestSegments.ContainsHolesException e) {
            throw new IllegalStateException(e); // holes are allowed in this call
        } catch (IOException | RuntimeException e) {
            op.label("has_holes", "False").failed(e);
            throw e;
        }
        boolean holes = spans.stream().anyMatch(s -> s instanceof Hole);
        op.label("has_holes", holes ? "True" : "False").done(segments(spans).size());
        return spans;
    }

    public static List<Segment> segments(List<Span> spans) {
        List<Segment> out = new ArrayList<>();
        for (Span s : spans) {
            if (s instanceof Segment segment) {
                out.add(segment);
            }
        }
        return out;
    }
}
