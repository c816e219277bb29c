package org.wubloader.restreamer.cut;

import org.wubloader.common.segment.Segment;

/** One input of a cut's output, in order: a whole segment file, or part of one. */
public sealed interface Piece permits Piece.Whole, Piece.Trimmed {
    Segment segment();

    /** The segment's bytes as they are. */
    record Whole(Segment segment) implements Piece {}

    /**
     * Part of a segment, cut by ffmpeg.
     *
     * @param fromMicros offset into the segment of the first wanted moment (0 = from its start)
     * @param toMicros offset of the end of the wanted part, or -1 for "to the segment's end"
     */
    record Trimmed(Segment segment, long fromMicros, long toMicros) implements Piece {
        public boolean trimsStart() {
            return fromMicros > 0;
        }

        public boolean trimsEnd() {
            return toMicros >= 0;
        }
    }
}
