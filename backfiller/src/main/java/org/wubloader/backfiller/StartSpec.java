package org.wubloader.backfiller;

import java.time.Instant;
import org.wubloader.common.time.HourNames;
import org.wubloader.common.time.Micros;
import org.wubloader.common.time.Timestamps;

/**
 * {@code --start}: how far back the backfiller looks (docs/backfill.md §5.2). A number is "hours ago" and is
 * re-evaluated on every use, so a long-running node keeps a sliding window; anything else is a
 * fixed timestamp.
 */
public sealed interface StartSpec {
    /** The earliest instant of interest at {@code nowMicros}, in epoch microseconds. */
    long startMicros(long nowMicros);

    /** The first hour (its start, epoch micros) to backfill or keep at {@code nowMicros}. */
    default long startHourMicros(long nowMicros) {
        return HourNames.floorHour(startMicros(nowMicros));
    }

    /** {@code --start 3}: a window that slides with time. */
    record HoursAgo(double hours) implements StartSpec {
        public HoursAgo {
            if (!(hours >= 0) || Double.isInfinite(hours)) {
                throw new IllegalArgumentException("--start hours ago must be a finite number >= 0, got " + hours);
            }
        }

        @Override
        public long startMicros(long nowMicros) {
            return nowMicros - Math.round(hours * HourNames.MICROS_PER_HOUR);
        }

        @Override
        public String toString() {
            return hours + " hours ago";
        }
    }

    /** {@code --start 2019-11-13T02:00}: a fixed point. */
    record At(Instant instant) implements StartSpec {
        @Override
        public long startMicros(long nowMicros) {
            return Micros.of(instant);
        }

        @Override
        public String toString() {
            return instant.toString();
        }
    }

    /**
     * Parses {@code --start}: a plain decimal number means hours ago, otherwise a timestamp as
     * {@link Timestamps#parse} accepts it (zones honoured).
     *
     * @throws IllegalArgumentException saying what was wrong
     */
    static StartSpec parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("--start is empty; give hours ago (e.g. 3) or a timestamp");
        }
        if (s.matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
            return new HoursAgo(Double.parseDouble(s));
        }
        try {
            return new At(Timestamps.parse(s));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--start '" + text + "' is neither hours ago (a number) nor a timestamp: " + e.getMessage(), e);
        }
    }
}
