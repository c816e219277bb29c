package org.wubloader.common.segment;

/** The TYPE field of a segment file name (docs/storage.md §2.1). */
public enum SegmentType {
    /** A normal, complete segment. */
    FULL("full"),
    /** Looks complete but is doubtful; used only when no {@code full} copy exists for its start. */
    SUSPECT("suspect"),
    /** Known incomplete: the bytes received before the connection broke. */
    PARTIAL("partial"),
    /** Being written right now; never listed as usable, backfilled or served. */
    TEMP("temp");

    private final String text;

    SegmentType(String text) {
        this.text = text;
    }

    /** The name as written in file names. */
    public String text() {
        return text;
    }

    /** Returns the type spelled exactly {@code text}, or null. */
    public static SegmentType fromText(CharSequence text) {
        for (SegmentType t : values()) {
            if (t.text.contentEquals(text)) {
                return t;
            }
        }
        return null;
    }
}
