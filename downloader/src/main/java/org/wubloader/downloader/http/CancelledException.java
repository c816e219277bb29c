package org.wubloader.downloader.http;

/** The operation was cancelled by us (a hard timeout or shutdown), not failed by the peer. */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException(String message) {
        super(message);
    }
}
