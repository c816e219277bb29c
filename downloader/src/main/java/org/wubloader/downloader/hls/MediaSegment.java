package org.wubloader.downloader.hls;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One media segment of a media playlist.
 *
 * @param sequence media sequence number (EXT-X-MEDIA-SEQUENCE plus the segment's index)
 * @param uri absolute URI of the segment
 * @param duration EXTINF duration in seconds; 0 if it did not parse
 * @param title EXTINF title (e.g. {@code live}, {@code Amazon|123}), or null if absent or empty
 * @param programDateTime EXT-X-PROGRAM-DATE-TIME of this segment in UTC, or null if undated
 * @param map the media initialization section to write before the body, or null
 * @param byteRange the part of {@code uri} holding the segment, or null for the whole resource
 * @param discontinuity whether an EXT-X-DISCONTINUITY tag precedes the segment
 * @param encryptionMethod the EXT-X-KEY METHOD in force (e.g. {@code AES-128}), or null if none
 * @param adReason why the segment is an ad, or null if it is not one
 */
public record MediaSegment(
        long sequence,
        URI uri,
        double duration,
        String title,
        Instant programDateTime,
        MapSection map,
        ByteRange byteRange,
        boolean discontinuity,
        String encryptionMethod,
        String adReason) {

    public MediaSegment {
        Objects.requireNonNull(uri, "uri");
        if (!(duration >= 0) || Double.isInfinite(duration)) {
            throw new IllegalArgumentException("bad segment duration " + duration);
        }
    }

    public boolean ad() {
        return adReason != null;
    }

    public boolean encrypted() {
        return encryptionMethod != null;
    }

    /** The EXTINF duration as a time span, to the nearest nanosecond. */
    public Duration nominalDuration() {
        return Duration.ofNanos(Math.round(duration * 1e9));
    }

    /**
     * Refuses segments we cannot save correctly. We cannot decrypt, and saving ciphertext
     * under a normal name would publish unplayable files.
     *
     * @throws UnsupportedPlaylistException if the segment is encrypted
     */
    public void requireDownloadable() {
        if (encrypted()) {
            throw new UnsupportedPlaylistException("segment " + uri + " is encrypted (EXT-X-KEY METHOD="
                    + encryptionMethod + "); encrypted streams are not supported");
        }
    }

    MediaSegment withAdReason(String reason) {
        return new MediaSegment(
                sequence,
                uri,
                duration,
                title,
                programDateTime,
                map,
                byteRange,
                discontinuity,
                encryptionMethod,
                reason);
    }
}
