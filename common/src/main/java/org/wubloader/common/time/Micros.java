package org.wubloader.common.time;

import java.time.Duration;
import java.time.Instant;

/** Conversions between {@link Instant}/{@link Duration} and integer epoch microseconds. */
public final class Micros {
    private Micros() {}

    public static Instant toInstant(long epochMicros) {
        return Instant.ofEpochSecond(
                Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
    }

    /** Truncates to whole microseconds (towards the past). */
    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    public static long of(Duration duration) {
        return Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000L);
    }

    public static long now() {
        return of(Instant.now());
    }

    /** Seconds as a double, for metrics and logs (never for equality decisions). */
    public static double toSeconds(long micros) {
        return micros / 1_000_000d;
    }
}
