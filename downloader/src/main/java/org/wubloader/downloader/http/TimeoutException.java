package org.wubloader.downloader.http;

/** A hard timeout: the operation was abandoned (its request reset, its process killed). */
public final class TimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TimeoutException(String what, long millis) {
        super(what + " timed out after " + millis + " ms");
    }
}
