package org.wubloader.downloader.hls;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * An EXT-X-MEDIA entry of a master playlist.
 *
 * @param type TYPE (VIDEO, AUDIO, SUBTITLES, CLOSED-CAPTIONS)
 * @param groupId GROUP-ID, which variants reference from their attribute named after TYPE
 * @param name NAME, or null
 * @param uri absolute URI, or null if the rendition has none
 * @param attributes all attributes, quotes removed
 */
public record Rendition(String type, String groupId, String name, URI uri, Map<String, String> attributes) {

    public Rendition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(groupId, "groupId");
        attributes = AttributeList.immutableCopy(attributes);
    }
}
