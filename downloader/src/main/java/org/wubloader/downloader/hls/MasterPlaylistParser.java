package org.wubloader.downloader.hls;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parses one master playlist: variants, EXT-X-MEDIA renditions, and variant names. */
final class MasterPlaylistParser {
    private static final String VIDEO = "VIDEO";

    private final URI base;
    private final List<Variant> unnamedVariants = new ArrayList<>();
    private final List<Rendition> media = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private Line pendingStreamInf;
    private Map<String, String> pendingAttributes;

    private MasterPlaylistParser(URI base) {
        this.base = base;
    }

    static MasterPlaylist parse(String text, URI base) {
        return new MasterPlaylistParser(base).run(text);
    }

    private MasterPlaylist run(String text) {
        for (Line line : PlaylistText.lines(text)) {
            if (line.isUri()) {
                uri(line);
            } else if (line.isTag()) {
                tag(line);
            }
        }
        if (pendingStreamInf != null) {
            warnings.add(pendingStreamInf.warning("EXT-X-STREAM-INF without a URI at the end; ignored"));
        }
        List<Variant> variants = unnamedVariants.stream().map(this::named).toList();
        return new MasterPlaylist(variants, media, warnings, text);
    }

    private void tag(Line line) {
        switch (line.tagName()) {
            case "#EXT-X-STREAM-INF" -> {
                if (pendingStreamInf != null) {
                    warnings.add(pendingStreamInf.warning("EXT-X-STREAM-INF without a URI; ignored"));
                }
                pendingAttributes = AttributeList.parse(line.tagValue(), line);
                pendingStreamInf = line;
            }
            case "#EXT-X-MEDIA" -> media.add(rendition(line));
            case "#EXTINF" -> throw line.error("this is a media playlist, not a master playlist");
            default -> {
                // Other tags (EXT-X-TWITCH-INFO, EXT-X-I-FRAME-STREAM-INF…) do not matter here.
            }
        }
    }

    private void uri(Line line) {
        if (pendingStreamInf == null) {
            warnings.add(line.warning("URI without EXT-X-STREAM-INF; ignored"));
            return;
        }
        unnamedVariants.add(new Variant(PlaylistText.resolve(base, line.text(), line), pendingAttributes, null));
        pendingStreamInf = null;
        pendingAttributes = null;
    }

    private Rendition rendition(Line line) {
        Map<String, String> attributes = AttributeList.parse(line.tagValue(), line);
        String type = attributes.get("TYPE");
        String groupId = attributes.get("GROUP-ID");
        if (type == null || groupId == null) {
            throw line.error("EXT-X-MEDIA without TYPE or GROUP-ID");
        }
        String uri = attributes.get("URI");
        return new Rendition(
                type,
                groupId,
                attributes.get("NAME"),
                uri == null ? null : PlaylistText.resolve(base, uri, line),
                attributes);
    }

    /**
     * Names a variant after its linked TYPE=VIDEO renditions (GROUP-ID equal to the variant's
     * VIDEO attribute). With several names the first in document order wins, so the choice is
     * at least stable. A linked rendition with its own URI would be a separate stream we do
     * not fetch, hence the warning.
     */
    private Variant named(Variant variant) {
        String group = variant.attributes().get(VIDEO);
        if (group == null) {
            return variant;
        }
        String name = null;
        for (Rendition rendition : media) {
            if (!rendition.type().equals(VIDEO) || !rendition.groupId().equals(group)) {
                continue;
            }
            if (rendition.uri() != null) {
                warnings.add("video rendition " + rendition.name() + " of group \"" + group + "\" has its own URI "
                        + rendition.uri() + ", which is ignored");
            }
            if (name == null && rendition.name() != null && !rendition.name().isEmpty()) {
                name = rendition.name();
            }
        }
        return new Variant(variant.uri(), variant.attributes(), name);
    }
}
