package org.wubloader.backfiller.worker;

import java.io.IOException;

/**
 * A peer answered, but not with what we asked for (a listing that is not a JSON array of names,
 * failed downloads in a unit). HTTP-level failures — status, timeout, abort, too large — are
 * {@link org.wubloader.common.http.HttpClientException}s.
 */
public class PeerException extends IOException {
    public PeerException(String message) {
        super(message);
    }

    public PeerException(String message, Throwable cause) {
        super(message, cause);
    }
}
