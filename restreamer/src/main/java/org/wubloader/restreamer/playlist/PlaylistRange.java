package org.wubloader.restreamer.playlist;

import java.util.List;
import org.wubloader.common.time.HourNames;
import org.wubloader.restreamer.http.HttpError;

/**
 * The time range of a media playlist request (SPEC §4.4), pure: explicit bounds as given; a
 * missing start is the first stored hour, a missing end one hour past the last (so a live player
 * sees a trailing hole and keeps polling). An implicit bound may not stretch the range past
 * {@link #IMPLICIT_LIMIT_MICROS}: a player asking for "everything" must not get a week.
 *
 * @param startMicros inclusive
 * @param endMicros exclusive; {@code endMicros <= startMicros} means an empty playlist
 */
public record PlaylistRange(long startMicros, long endMicros) {
    public static final long IMPLICIT_LIMIT_MICROS = 12 * HourNames.MICROS_PER_HOUR;

    public boolean empty() {
        return endMicros <= startMicros;
    }

    /**
     * @param start explicit start or null
     * @param end explicit end or null
     * @param hours the quality's hour directory names, sorted (non-hour names already dropped)
     * @throws HttpError 404 when a bound is implicit and there are no hours; 400 past the limit
     */
    public static PlaylistRange resolve(Long start, Long end, List<String> hours) {
        if (start != null && end != null) {
            return new PlaylistRange(start, end);
        }
        if (hours.isEmpty()) {
            throw HttpError.notFound("no segments for this quality");
        }
        long s = start != null ? start : HourNames.parse(hours.get(0));
        long e = end != null ? end : HourNames.parse(hours.get(hours.size() - 1)) + HourNames.MICROS_PER_HOUR;
        if (e - s > IMPLICIT_LIMIT_MICROS) {
            throw HttpError.badRequest("range with an implicit start or end is longer than 12 hours; give both start and end");
        }
        return new PlaylistRange(s, e);
    }
}
