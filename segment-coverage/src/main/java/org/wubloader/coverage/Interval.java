package org.wubloader.coverage;

/** A time interval {@code [startMicros, endMicros)} in epoch microseconds (UTC). */
public record Interval(long startMicros, long endMicros) {
    public Interval {
        if (endMicros < startMicros) {
            throw new IllegalArgumentException("interval ends before it starts: " + startMicros + " > " + endMicros);
        }
    }

    public long lengthMicros() {
        return endMicros - startMicros;
    }
}
