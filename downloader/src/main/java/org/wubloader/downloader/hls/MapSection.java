package org.wubloader.downloader.hls;

import java.net.URI;
import java.util.Objects;

/**
 * An {@code EXT-X-MAP} media initialization section, written before each segment's body.
 *
 * @param uri absolute URI of the section
 * @param byteRange the part of {@code uri} to use, or null for the whole resource
 */
public record MapSection(URI uri, ByteRange byteRange) {

    public MapSection {
        Objects.requireNonNull(uri, "uri");
    }
}
