package org.wubloader.backfiller.worker;

import org.wubloader.common.http.HttpGet;

/**
 * The transfer of one download and a stop request that may arrive before the transfer exists
 * (while the temp file is being opened) or while it runs: whichever comes second acts on the
 * other, so a stop is never lost.
 */
final class TransferSlot {
    private volatile HttpGet transfer;
    private volatile String abortReason;

    /** Records the transfer about to run; aborts it at once if a stop came first. */
    HttpGet attach(HttpGet t) {
        transfer = t;
        String reason = abortReason;
        if (reason != null) {
            t.abort(reason);
        }
        return t;
    }

    void abort(String reason) {
        abortReason = reason;
        HttpGet t = transfer;
        if (t != null) {
            t.abort(reason);
        }
    }

    /** The stop reason, or null while the download may go on. */
    String abortReason() {
        return abortReason;
    }

    long bytes() {
        HttpGet t = transfer;
        return t == null ? 0 : t.bytes();
    }
}
