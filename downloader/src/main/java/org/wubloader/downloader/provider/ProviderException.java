package org.wubloader.downloader.provider;

/**
 * An expected provider failure with a clear one-line reason (no variants, yt-dlp missing,
 * no access token). Logged without a stack trace: it says all there is to say.
 */
public final class ProviderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProviderException(String message) {
        super(message);
    }

    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
