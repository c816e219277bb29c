package org.wubloader.backfiller.worker;

/**
 * One unit of a pass (docs/backfill.md §5.2): every (channel, quality) pair, and every {@code --extras}
 * directory. A pass runs each unit through the same error path.
 */
public sealed interface Unit {
    record Segments(String channel, String quality) implements Unit {
        @Override
        public String toString() {
            return channel + "/" + quality;
        }
    }

    record Extras(String dir) implements Unit {
        @Override
        public String toString() {
            return "extras " + dir;
        }
    }
}
