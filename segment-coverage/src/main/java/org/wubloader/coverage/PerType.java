package org.wubloader.coverage;

import org.wubloader.common.segment.SegmentType;

/**
 * One figure for each counted segment type. {@code temp} files are never counted; every type that
 * is not full or suspect counts as partial, as in the original.
 */
public record PerType(long full, long suspect, long partial) {
    public static final PerType ZERO = new PerType(0, 0, 0);

    public long get(SegmentType type) {
        switch (type) {
            case FULL:
                return full;
            case SUSPECT:
                return suspect;
            default:
                return partial;
        }
    }

    /** A mutable accumulator, used while one hour is analysed. */
    static final class Builder {
        private long full;
        private long suspect;
        private long partial;

        void add(SegmentType type, long value) {
            switch (type) {
                case FULL:
                    full += value;
                    break;
                case SUSPECT:
                    suspect += value;
                    break;
                default:
                    partial += value;
            }
        }

        PerType build() {
            return new PerType(full, suspect, partial);
        }
    }
}
