package org.wubloader.downloader.hls;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A variant stream of a master playlist: an EXT-X-STREAM-INF tag and the URI after it.
 *
 * @param uri absolute URI of the variant's media playlist
 * @param attributes all EXT-X-STREAM-INF attributes (BANDWIDTH, RESOLUTION, CODECS, VIDEO…),
 *     quotes removed, in document order
 * @param name the non-empty NAME of a linked TYPE=VIDEO rendition, or null if unnamed
 */
public record Variant(URI uri, Map<String, String> attributes, String name) {

    public Variant {
        Objects.requireNonNull(uri, "uri");
        attributes = AttributeList.immutableCopy(attributes);
    }

    /** The BANDWIDTH attribute, if present and a number. */
    public OptionalLong bandwidth() {
        String value = attributes.get("BANDWIDTH");
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
