package org.wubloader.backfiller.worker;

import java.io.IOException;

/** A peer answered, but not with what we asked for (a non-200 status, a bad listing, a timeout). */
public class PeerException extends IOException {
    public PeerException(String message) {
        super(message);
    }

    public PeerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The peer answered with a status other than 200. */
    public static final class Status extends PeerException {
        private final int status;

        public Status(String what, int status, String body) {
            super(what + ": HTTP " + status + (body.isEmpty() ? "" : " (" + body + ")"));
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** No response within the request timeout, or a body that stopped sending bytes. */
    public static final class Timeout extends PeerException {
        public Timeout(String message) {
            super(message);
        }
    }

    /** We gave up on purpose (shutdown, or the peer was removed). */
    public static final class Aborted extends PeerException {
        public Aborted(String message) {
            super(message);
        }
    }
}
