package org.wubloader.restreamer.files;

import java.util.Locale;
import java.util.Map;

/** Content types of the files the restreamer serves, by extension. */
public final class ContentTypes {
    public static final String MPEG_TS = "video/MP2T";
    private static final String DEFAULT = "application/octet-stream";
    private static final Map<String, String> BY_EXTENSION = Map.of(
            "ts", MPEG_TS,
            "json", "application/json",
            "png", "image/png",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "m3u8", "application/vnd.apple.mpegurl",
            "html", "text/html; charset=utf-8",
            "txt", "text/plain; charset=utf-8",
            "mp4", "video/mp4",
            "svg", "image/svg+xml");

    private ContentTypes() {}

    public static String of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return DEFAULT;
        }
        return BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
    }
}
