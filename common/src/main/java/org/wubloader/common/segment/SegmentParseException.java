package org.wubloader.common.segment;

/** A path that does not parse as a segment; the message names the path and the reason. */
public final class SegmentParseException extends IllegalArgumentException {
    private final String path;
    private final String reason;

    public SegmentParseException(String path, String reason) {
        super("not a segment path: " + path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
