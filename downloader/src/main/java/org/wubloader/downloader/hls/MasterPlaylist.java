package org.wubloader.downloader.hls;

import java.util.List;
import java.util.Objects;

/**
 * A parsed master playlist. It may have no variants; whether that is an error is the
 * provider's decision.
 *
 * @param variants the variants in document order
 * @param media every EXT-X-MEDIA entry in document order
 * @param warnings problems that did not stop the parse, each naming its line
 * @param text the whole playlist as received
 */
public record MasterPlaylist(List<Variant> variants, List<Rendition> media, List<String> warnings, String text) {

    public MasterPlaylist {
        variants = List.copyOf(variants);
        media = List.copyOf(media);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(text, "text");
    }
}
