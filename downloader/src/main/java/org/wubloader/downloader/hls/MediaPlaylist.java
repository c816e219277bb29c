package org.wubloader.downloader.hls;

import java.util.List;
import java.util.Objects;

/**
 * A parsed media playlist.
 *
 * @param segments the segments in playlist order
 * @param endList whether EXT-X-ENDLIST was present (the stream has ended)
 * @param mediaSequence EXT-X-MEDIA-SEQUENCE, 0 if absent
 * @param discontinuitySequence EXT-X-DISCONTINUITY-SEQUENCE, 0 if absent
 * @param targetDuration EXT-X-TARGETDURATION in seconds, 0 if absent
 * @param dateRanges every EXT-X-DATERANGE, in document order
 * @param warnings problems that did not stop the parse (e.g. an unparseable date), each
 *     naming its line
 * @param text the whole playlist as received, for the debug history
 */
public record MediaPlaylist(
        List<MediaSegment> segments,
        boolean endList,
        long mediaSequence,
        long discontinuitySequence,
        double targetDuration,
        List<DateRange> dateRanges,
        List<String> warnings,
        String text) {

    public MediaPlaylist {
        segments = List.copyOf(segments);
        dateRanges = List.copyOf(dateRanges);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(text, "text");
    }

    /** Whether any segment is encrypted; see {@link MediaSegment#requireDownloadable()}. */
    public boolean encrypted() {
        return segments.stream().anyMatch(MediaSegment::encrypted);
    }
}
