package org.wubloader.downloader.hls;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/** Splitting a playlist into lines and the rules shared by media and master playlists. */
final class PlaylistText {
    private static final String HEADER = "#EXTM3U";

    private PlaylistText() {}

    /**
     * The document's lines, after checking that the first non-blank one starts with
     * {@code #EXTM3U}. A document with no non-blank line is an empty playlist.
     */
    static List<Line> lines(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] raw = body.split("\r\n|\r|\n", -1);
        List<Line> lines = new ArrayList<>(raw.length);
        boolean headerSeen = false;
        for (int i = 0; i < raw.length; i++) {
            Line line = new Line(i + 1, raw[i].strip());
            if (!headerSeen && !line.isBlank()) {
                if (!line.text().startsWith(HEADER)) {
                    throw line.error("not an HLS playlist: the first line must start with " + HEADER + ", found "
                            + abbreviate(line.text()));
                }
                headerSeen = true;
            }
            lines.add(line);
        }
        return lines;
    }

    /** Resolves a URI from the playlist against the playlist's own (post-redirect) URL. */
    static URI resolve(URI base, String reference, Line line) {
        URI relative;
        try {
            relative = new URI(reference);
        } catch (URISyntaxException e) {
            throw line.error("invalid URI " + abbreviate(reference) + ": " + e.getReason(), e);
        }
        if (relative.isAbsolute()) {
            return relative;
        }
        // java.net.URI resolves "a.ts" against "http://host" to "http://hosta.ts".
        URI effectiveBase = base;
        if (base.isAbsolute() && !base.isOpaque() && base.getRawPath().isEmpty()) {
            effectiveBase = base.resolve("/");
        }
        return effectiveBase.resolve(relative);
    }

    static String abbreviate(String text) {
        return '"' + (text.length() <= 60 ? text : text.substring(0, 57) + "...") + '"';
    }
}
