package org.wubloader.restreamer.cut;

import java.io.IOException;

/**
 * The input handed to an MPEG-TS-only operation (the {@code smart} cut) is not MPEG-TS.
 *
 * <p>Twitch serves fragmented MP4 for some qualities and the downloader keeps the {@code .ts}
 * extension for those files, so this is an expected, user-facing condition rather than a bug:
 * callers should turn it into a client-visible error, not a 500.
 */
public final class NotMpegTsException extends IOException {
    private static final long serialVersionUID = 1L;

    public NotMpegTsException(String message) {
        super(message);
    }
}
