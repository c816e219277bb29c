package org.wubloader.downloader.hls;

/** One playlist line, stripped of surrounding whitespace, with its 1-based number. */
record Line(int number, String text) {

    boolean isBlank() {
        return text.isEmpty();
    }

    /** RFC 8216: lines starting with {@code #EXT} are tags; other {@code #} lines are comments. */
    boolean isTag() {
        return text.startsWith("#EXT");
    }

    boolean isUri() {
        return !text.isEmpty() && !text.startsWith("#");
    }

    /**
     * The exact tag name: the text up to the first ':' or the whole line. Tags are compared by
     * this name, never by prefix, so {@code #EXT-X-DISCONTINUITY-SEQUENCE} is not taken for
     * {@code #EXT-X-DISCONTINUITY}.
     */
    String tagName() {
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(0, colon);
    }

    /** The text after the first ':', or "" if there is none. */
    String tagValue() {
        int colon = text.indexOf(':');
        return colon < 0 ? "" : text.substring(colon + 1);
    }

    PlaylistParseException error(String message) {
        return new PlaylistParseException(number, message);
    }

    PlaylistParseException error(String message, Throwable cause) {
        return new PlaylistParseException(number, message, cause);
    }

    /** A warning text that names the line, for the playlist's warning list. */
    String warning(String message) {
        return "line " + number + ": " + message;
    }
}
