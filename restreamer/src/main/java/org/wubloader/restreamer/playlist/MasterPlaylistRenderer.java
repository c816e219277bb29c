package org.wubloader.restreamer.playlist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.wubloader.restreamer.http.PathParts;

/** Renders the HLS master playlist of a channel (docs/api.md §4.4), pure. */
public final class MasterPlaylistRenderer {
    /** Bandwidth estimates by quality name; anything else (e.g. {@code source}) counts as 1080p. */
    static final Map<String, Long> BANDWIDTHS = Map.of(
            "1080p", 6_846_146L,
            "720p", 2_373_000L,
            "480p", 1_427_999L,
            "360p", 630_000L,
            "160p", 230_000L);

    private MasterPlaylistRenderer() {}

    public static long bandwidth(String quality) {
        return BANDWIDTHS.getOrDefault(quality, BANDWIDTHS.get("1080p"));
    }

    /**
     * @param qualities the variants to offer (already filtered)
     * @param rawQuery the request's query string, carried over to every variant URL (null: none)
     */
    public static String render(String channel, List<String> qualities, String rawQuery) {
        List<String> ordered = new ArrayList<>(qualities);
        // Highest bandwidth first: players start with the first variant listed.
        ordered.sort(Comparator.comparingLong(MasterPlaylistRenderer::bandwidth)
                .reversed()
                .thenComparing(q -> q));
        String query = rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery;
        StringBuilder out = new StringBuilder("#EXTM3U\n");
        for (String quality : ordered) {
            String name = quoted(quality);
            out.append("#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"")
                    .append(name)
                    .append("\",NAME=\"")
                    .append(name)
                    .append("\",AUTOSELECT=YES,DEFAULT=YES\n");
            out.append("#EXT-X-STREAM-INF:VIDEO=\"")
                    .append(name)
                    .append("\",NAME=\"")
                    .append(name)
                    .append("\",BANDWIDTH=")
                    .append(bandwidth(quality))
                    .append('\n');
            out.append("/playlist/")
                    .append(PathParts.encode(channel))
                    .append('/')
                    .append(PathParts.encode(quality))
                    .append(".m3u8")
                    .append(query)
                    .append('\n');
        }
        return out.toString();
    }

    /** Quoted-string attribute values may not contain quotes or line breaks (RFC 8216 §4.2). */
    private static String quoted(String value) {
        return value.replace("\"", "'").replace("\n", " ").replace("\r", " ");
    }
}
