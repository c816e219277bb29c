package org.wubloader.restreamer.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.Span;
import org.wubloader.common.storage.BestSegments;
import org.wubloader.common.storage.SegmentStore;
import org.wubloader.restreamer.files.SafeResolver;
import org.wubloader.restreamer.http.HttpError;

/**
 * The best segments of a range for the editor endpoints: 404 for an unknown channel/quality
 * (resolved inside the base directory). Blocking; the store times each lookup as the original's
 * {@code get_best_segments{hours_path,has_holes}}.
 */
public final class SegmentSource {
    private final SafeResolver resolver;
    private final SegmentStore store;

    public SegmentSource(SafeResolver resolver, SegmentStore store) {
        this.resolver = resolver;
        this.store = store;
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
        try {
            // timed as the original's get_best_segments by the store itself
            return store.bestSegments(channel, quality, startMicros, endMicros, true);
        } catch (BestSegments.ContainsHolesException e) {
            throw new IllegalStateException(e); // holes are allowed in this call
        }
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
