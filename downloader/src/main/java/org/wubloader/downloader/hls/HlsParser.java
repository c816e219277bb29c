package org.wubloader.downloader.hls;

import java.net.URI;
import java.util.Objects;

/**
 * Entry points of our HLS playlist parser (RFC 8216, plus Twitch's ad conventions). Pure:
 * no I/O, and no state carried between calls.
 *
 * <p>We do not use a library: m3u8-parser drops unknown tags, keeps only the last of several
 * DATERANGEs before a segment and knows nothing of SCTE35 ad regions.
 */
public final class HlsParser {
    private HlsParser() {}

    /**
     * Parses a media playlist.
     *
     * @param text the playlist; an empty or blank document is an empty playlist
     * @param base the playlist's URL after redirects, against which relative URIs resolve
     * @throws PlaylistParseException if it is not a valid media playlist; the message names
     *     the line
     */
    public static MediaPlaylist parseMedia(String text, URI base) {
        return MediaPlaylistParser.parse(Objects.requireNonNull(text, "text"), Objects.requireNonNull(base, "base"));
    }

    /**
     * Parses a master playlist.
     *
     * @param text the playlist; an empty or blank document has no variants
     * @param base the playlist's URL after redirects, against which relative URIs resolve
     * @throws PlaylistParseException if it is not a valid master playlist; the message names
     *     the line
     */
    public static MasterPlaylist parseMaster(String text, URI base) {
        return MasterPlaylistParser.parse(Objects.requireNonNull(text, "text"), Objects.requireNonNull(base, "base"));
    }
}
