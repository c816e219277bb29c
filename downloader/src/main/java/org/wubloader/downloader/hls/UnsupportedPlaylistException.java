package org.wubloader.downloader.hls;

/**
 * A segment we can parse but must not save, such as an encrypted one: saving its bytes as
 * they are would store unplayable files under names other nodes would treat as valid.
 */
public class UnsupportedPlaylistException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedPlaylistException(String message) {
        super(message);
    }
}
