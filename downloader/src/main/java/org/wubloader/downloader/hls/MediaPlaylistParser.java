package org.wubloader.downloader.hls;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one media playlist. Single use: it holds the state of one pass over the lines.
 *
 * <p>Faults that would make us save wrong bytes (a bad URI, byte range, map or key) stop the
 * parse. Faults in informational values (a date, a sequence number, a date range) only add a
 * warning, so one odd tag cannot stop a stream from being recorded.
 */
final class MediaPlaylistParser {
    private static final Pattern EXTINF_DURATION = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern BYTE_RANGE = Pattern.compile("(\\d+)(?:@(\\d+))?");
    private static final String AMAZON_TITLE_PREFIX = "Amazon";
    private static final String UNKNOWN_AD_REASON = "unknown";

    private final URI base;
    private final List<MediaSegment> segments = new ArrayList<>();
    private final List<StitchedAds.Placed> dateRanges = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private boolean endList;
    private long mediaSequence;
    private long discontinuitySequence;
    private double targetDuration;

    // State that lasts until changed: the map, the key, the SCTE35 ad region.
    private MapSection map;
    private String encryptionMethod;
    private String adRegionReason;

    // State for the next segment only.
    private Line pendingInf;
    private double pendingDuration;
    private String pendingTitle;
    private Instant pendingDate;
    private boolean pendingDiscontinuity;
    private Line pendingByteRange;

    private MediaPlaylistParser(URI base) {
        this.base = base;
    }

    static MediaPlaylist parse(String text, URI base) {
        return new MediaPlaylistParser(base).run(text);
    }

    private MediaPlaylist run(String text) {
        for (Line line : PlaylistText.lines(text)) {
            if (line.isUri()) {
                addSegment(line);
            } else if (line.isTag()) {
                tag(line);
            }
        }
        if (pendingInf != null) {
            warnings.add(pendingInf.warning("EXTINF without a segment URI at the end; ignored"));
        }
        List<MediaSegment> marked = markTitleAds(StitchedAds.mark(segments, dateRanges));
        return new MediaPlaylist(
                marked,
                endList,
                mediaSequence,
                discontinuitySequence,
                targetDuration,
                dateRanges.stream().map(StitchedAds.Placed::range).toList(),
                warnings,
                text);
    }

    private void tag(Line line) {
        String value = line.tagValue();
        switch (line.tagName()) {
            case "#EXTINF" -> extinf(line, value);
            case "#EXT-X-PROGRAM-DATE-TIME" -> pendingDate = programDateTime(line, value);
            case "#EXT-X-DISCONTINUITY" -> {
                pendingDiscontinuity = true;
                map = null;
            }
            case "#EXT-X-MAP" -> map = mapSection(line, value);
            case "#EXT-X-BYTERANGE" -> pendingByteRange = line;
            case "#EXT-X-KEY" -> encryptionMethod = keyMethod(line, value);
            case "#EXT-X-ENDLIST" -> endList = true;
            case "#EXT-X-MEDIA-SEQUENCE" -> mediaSequence = longValue(line, value, mediaSequence);
            case "#EXT-X-DISCONTINUITY-SEQUENCE" ->
                discontinuitySequence = longValue(line, value, discontinuitySequence);
            case "#EXT-X-TARGETDURATION" -> targetDuration = targetDuration(line, value);
            case "#EXT-X-SCTE35-OUT" -> adRegionReason = scte35Reason(line, value);
            case "#EXT-X-SCTE35-IN" -> adRegionReason = null;
            case "#EXT-X-DATERANGE" -> dateRange(line, value);
            case "#EXT-X-STREAM-INF" -> throw line.error("this is a master playlist, not a media playlist");
            default -> {
                // Unknown tags (EXT-X-TWITCH-PREFETCH and the like) are ignored; the raw text
                // stays available in MediaPlaylist.text().
            }
        }
    }

    private void extinf(Line line, String value) {
        int comma = value.indexOf(',');
        String durationText = (comma < 0 ? value : value.substring(0, comma)).strip();
        String title = comma < 0 ? "" : value.substring(comma + 1).strip();
        if (EXTINF_DURATION.matcher(durationText).matches()) {
            pendingDuration = Double.parseDouble(durationText);
        } else {
            warnings.add(
                    line.warning("unparseable EXTINF duration " + PlaylistText.abbreviate(durationText) + "; using 0"));
            pendingDuration = 0;
        }
        pendingTitle = title.isEmpty() ? null : title;
        pendingInf = line;
    }

    private Instant programDateTime(Line line, String value) {
        try {
            return HlsDates.parse(value);
        } catch (IllegalArgumentException e) {
            warnings.add(line.warning("unparseable PROGRAM-DATE-TIME " + PlaylistText.abbreviate(value)
                    + "; the segment is undated: " + e.getMessage()));
            return null;
        }
    }

    private MapSection mapSection(Line line, String value) {
        Map<String, String> attributes = AttributeList.parse(value, line);
        String uri = attributes.get("URI");
        if (uri == null || uri.isEmpty()) {
            throw line.error("EXT-X-MAP without URI");
        }
        String range = attributes.get("BYTERANGE");
        // RFC 8216 §4.3.2.5: a map's byte range has no implicit offset; it starts at byte 0.
        ByteRange byteRange = range == null ? null : byteRange(line, range, 0L);
        return new MapSection(PlaylistText.resolve(base, uri, line), byteRange);
    }

    private String keyMethod(Line line, String value) {
        String method = AttributeList.parse(value, line).get("METHOD");
        if (method == null || method.isEmpty()) {
            throw line.error("EXT-X-KEY without METHOD");
        }
        return method.equals("NONE") ? null : method;
    }

    private String scte35Reason(Line line, String value) {
        if (value.isBlank()) {
            return UNKNOWN_AD_REASON;
        }
        try {
            String url = AttributeList.parse(value, line).get("URL");
            return url == null || url.isEmpty() ? UNKNOWN_AD_REASON : url;
        } catch (PlaylistParseException e) {
            // The region is what matters; a malformed reason must not stop the recording.
            warnings.add(line.warning("malformed EXT-X-SCTE35-OUT attributes: " + e.getMessage()));
            return UNKNOWN_AD_REASON;
        }
    }

    private void dateRange(Line line, String value) {
        try {
            dateRanges.add(new StitchedAds.Placed(DateRangeParser.parse(line, value, warnings), segments.size()));
        } catch (PlaylistParseException e) {
            warnings.add(line.warning("ignored malformed EXT-X-DATERANGE: " + e.getMessage()));
        }
    }

    private long longValue(Line line, String value, long current) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            warnings.add(line.warning("unparseable " + line.tagName() + " " + PlaylistText.abbreviate(value)));
            return current;
        }
    }

    private double targetDuration(Line line, String value) {
        if (EXTINF_DURATION.matcher(value.strip()).matches()) {
            return Double.parseDouble(value.strip());
        }
        warnings.add(line.warning("unparseable EXT-X-TARGETDURATION " + PlaylistText.abbreviate(value)));
        return targetDuration;
    }

    private void addSegment(Line line) {
        URI uri = PlaylistText.resolve(base, line.text(), line);
        if (pendingInf == null) {
            warnings.add(line.warning("segment URI without EXTINF; its duration is taken as 0"));
        }
        ByteRange byteRange = pendingByteRange == null ? null : segmentByteRange(uri);
        segments.add(new MediaSegment(
                mediaSequence + segments.size(),
                uri,
                pendingDuration,
                pendingTitle,
                pendingDate,
                map,
                byteRange,
                pendingDiscontinuity,
                encryptionMethod,
                adRegionReason));
        pendingInf = null;
        pendingDuration = 0;
        pendingTitle = null;
        pendingDate = null;
        pendingDiscontinuity = false;
        pendingByteRange = null;
    }

    /**
     * RFC 8216 §4.3.2.2: without an offset, the range starts just after the previous
     * segment's range, which must be of the same resource. Guessing otherwise would save the
     * wrong bytes, so that is an error.
     */
    private ByteRange segmentByteRange(URI uri) {
        Line line = pendingByteRange;
        MediaSegment previous = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        Long implicitOffset = previous != null
                        && previous.byteRange() != null
                        && previous.uri().equals(uri)
                ? previous.byteRange().end()
                : null;
        return byteRange(line, line.tagValue(), implicitOffset);
    }

    private static ByteRange byteRange(Line line, String text, Long implicitOffset) {
        Matcher m = BYTE_RANGE.matcher(text.strip());
        if (!m.matches()) {
            throw line.error("malformed byte range " + PlaylistText.abbreviate(text) + ", expected n[@o]");
        }
        try {
            long length = Long.parseLong(m.group(1));
            if (length == 0) {
                throw line.error("empty byte range " + PlaylistText.abbreviate(text));
            }
            if (m.group(2) != null) {
                return new ByteRange(length, Long.parseLong(m.group(2)));
            }
            if (implicitOffset == null) {
                throw line.error("byte range " + PlaylistText.abbreviate(text) + " has no offset, and the"
                        + " previous segment is not a byte range of the same URI");
            }
            return new ByteRange(length, implicitOffset);
        } catch (NumberFormatException e) {
            throw line.error("byte range out of range " + PlaylistText.abbreviate(text), e);
        }
    }

    /** Twitch titles its stitched ads {@code Amazon|<id>}; such a segment is an ad whatever else. */
    private static List<MediaSegment> markTitleAds(List<MediaSegment> segments) {
        return segments.stream()
                .map(s -> !s.ad() && s.title() != null && s.title().startsWith(AMAZON_TITLE_PREFIX)
                        ? s.withAdReason("title " + s.title())
                        : s)
                .toList();
    }
}
