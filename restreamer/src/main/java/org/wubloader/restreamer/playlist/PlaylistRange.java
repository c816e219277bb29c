package org.wubloader.restreamer.playlist;

import java.util.List;
import org.wubloader.common.time.HourNames;
import org.wubloader.restreamer.http.HttpError;

/**
 * The time range of a media playlist request (docs/api.md §4.4), pure: explicit bounds as given; a
 * missing start is the first stored hour; a missing end is two hours past the start of the last
 * stored hour, as the original computes it (the end of the last hour, plus one hour), so a live
 * player sees a trailing hole and keeps polling. An implicit bound may not stretch the range past
 * {@link #IMPLICIT_LIMIT_MICROS}, counted on that same end as the original counts it: a player
 * asking for "everything" must not get a week, and a request the original answers is answered.
 *
 * @param startMicros inclusive
 * @param endMicros exclusive; {@code endMicros <= startMicros} means an empty playlist
 * @param openEnded the end was implicit: the playlist follows the stream and never ends
 */
public record PlaylistRange(long startMicros, long endMicros, boolean openEnded) {
    public static final long IMPLICIT_LIMIT_MICROS = 12 * HourNames.MICROS_PER_HOUR;
    /** An implicit end lies this far past the start of the last stored hour. */
    static final long IMPLICIT_END_PAST_LAST_HOUR_MICROS = 2 * HourNames.MICROS_PER_HOUR;

    public boolean empty() {
        return endMicros <= startMicros;
    }

    /**
     * True if the playlist may still grow: open-ended, or its end not yet reached. Such a
     * playlist never carries {@code #EXT-X-ENDLIST} (RFC 8216 §6.2.1: nothing may be added after
     * it, and players stop reloading): with only the end of the last hour as its end, an open
     * playlist whose newest hour was complete ended, and players stopped at every hour boundary.
     */
    public boolean live(long nowMicros) {
        return openEnded || endMicros > nowMicros;
    }

    /**
     * @param start explicit start or null
     * @param end explicit end or null
     * @param hours the quality's hour directory names, sorted (non-hour names already dropped)
     * @throws HttpError 404 when a bound is implicit and there are no hours; 400 past the limit
     */
    public static PlaylistRange resolve(Long start, Long end, List<String> hours) {
        if (start != null && end != null) {
            return new PlaylistRange(start, end, false);
        }
        if (hours.isEmpty()) {
            throw HttpError.notFound("no segments for this quality");
        }
        long s = start != null ? start : HourNames.parse(hours.get(0));
        long e = end != null ? end : HourNames.parse(hours.get(hours.size() - 1)) + IMPLICIT_END_PAST_LAST_HOUR_MICROS;
        if (e - s > IMPLICIT_LIMIT_MICROS) {
            throw HttpError.badRequest(
                    "range with an implicit start or end is longer than 12 hours; give both start and end");
        }
        return new PlaylistRange(s, e, end == null);
    }
}
