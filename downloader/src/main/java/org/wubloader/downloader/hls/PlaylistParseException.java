package org.wubloader.downloader.hls;

/**
 * A playlist that cannot be parsed. The message names the line, so a log entry is enough
 * to find the fault in the saved playlist text.
 */
public class PlaylistParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int lineNumber;

    public PlaylistParseException(int lineNumber, String message) {
        super("line " + lineNumber + ": " + message);
        this.lineNumber = lineNumber;
    }

    public PlaylistParseException(int lineNumber, String message, Throwable cause) {
        super("line " + lineNumber + ": " + message, cause);
        this.lineNumber = lineNumber;
    }

    /** The 1-based line number of the fault. */
    public int lineNumber() {
        return lineNumber;
    }
}
