package org.wubloader.downloader.hls;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code EXT-X-DATERANGE} tag. Every one is kept, including several before one segment.
 *
 * @param id the ID attribute, or null
 * @param classAttribute the CLASS attribute, or null
 * @param startDate START-DATE, or null if missing or unparseable
 * @param endDate END-DATE, or null
 * @param duration DURATION, or null
 * @param plannedDuration PLANNED-DURATION, or null
 * @param attributes all attributes as written (quotes removed), in document order
 */
public record DateRange(
        String id,
        String classAttribute,
        Instant startDate,
        Instant endDate,
        Duration duration,
        Duration plannedDuration,
        Map<String, String> attributes) {

    /** The CLASS Twitch gives the date ranges of the ads it stitches into a stream. */
    public static final String TWITCH_STITCHED_AD = "twitch-stitched-ad";

    public DateRange {
        attributes = AttributeList.immutableCopy(attributes);
    }

    public boolean isTwitchStitchedAd() {
        return TWITCH_STITCHED_AD.equals(classAttribute);
    }

    /**
     * How long the range lasts: DURATION, else END-DATE minus START-DATE, else
     * PLANNED-DURATION (an estimate, but the best there is); empty if none is known.
     */
    public Optional<Duration> length() {
        if (duration != null) {
            return Optional.of(duration);
        }
        if (endDate != null && startDate != null) {
            return Optional.of(Duration.between(startDate, endDate));
        }
        return Optional.ofNullable(plannedDuration);
    }
}
