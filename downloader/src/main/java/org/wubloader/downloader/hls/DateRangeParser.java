package org.wubloader.downloader.hls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Parses EXT-X-DATERANGE tags. A bad date or duration leaves that field null and adds a
 * warning: date ranges only help ad detection, so they must never stop a recording.
 */
final class DateRangeParser {
    private DateRangeParser() {}

    /**
     * @throws PlaylistParseException if the attribute list itself is malformed
     */
    static DateRange parse(Line line, String value, List<String> warnings) {
        Map<String, String> attributes = AttributeList.parse(value, line);
        return new DateRange(
                attributes.get("ID"),
                attributes.get("CLASS"),
                date(line, attributes, "START-DATE", warnings),
                date(line, attributes, "END-DATE", warnings),
                seconds(line, attributes, "DURATION", warnings),
                seconds(line, attributes, "PLANNED-DURATION", warnings),
                attributes);
    }

    private static Instant date(Line line, Map<String, String> attributes, String key, List<String> warnings) {
        String text = attributes.get(key);
        if (text == null) {
            return null;
        }
        try {
            return HlsDates.parse(text);
        } catch (IllegalArgumentException e) {
            warnings.add(line.warning("EXT-X-DATERANGE " + key + " ignored: " + e.getMessage()));
            return null;
        }
    }

    private static Duration seconds(Line line, Map<String, String> attributes, String key, List<String> warnings) {
        String text = attributes.get(key);
        if (text == null) {
            return null;
        }
        try {
            return HlsDates.seconds(text);
        } catch (IllegalArgumentException e) {
            warnings.add(line.warning("EXT-X-DATERANGE " + key + " ignored: " + e.getMessage()));
            return null;
        }
    }
}
