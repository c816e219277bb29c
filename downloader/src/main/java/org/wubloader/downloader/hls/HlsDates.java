package org.wubloader.downloader.hls;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import org.wubloader.common.time.Timestamps;

/** Dates and durations as HLS tags write them. */
final class HlsDates {
    private HlsDates() {}

    /**
     * A PROGRAM-DATE-TIME or DATERANGE date, converted to UTC; without a zone it is UTC. The
     * shared parser of docs/storage.md §3.2, so every module reads dates alike.
     *
     * @throws IllegalArgumentException if it does not parse
     */
    static Instant parse(String text) {
        return Timestamps.parse(text.strip());
    }

    /**
     * A decimal number of seconds (DATERANGE DURATION and PLANNED-DURATION), exact to the
     * nanosecond.
     *
     * @throws IllegalArgumentException if it is not a non-negative decimal number
     */
    static Duration seconds(String text) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number of seconds: \"" + text + "\"", e);
        }
        if (seconds.signum() < 0) {
            throw new IllegalArgumentException("negative number of seconds: \"" + text + "\"");
        }
        try {
            return Duration.ofNanos(
                    seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("number of seconds out of range: \"" + text + "\"", e);
        }
    }
}
