package org.wubloader.restreamer.cut;

import java.util.Locale;
import org.wubloader.restreamer.http.HttpError;

/** The {@code type} parameter of a cut (docs/api.md §4.5). */
public enum CutType {
    /** The covering segments' bytes as they are; may run a few seconds past the range. */
    ROUGH,
    /** Like rough, but the first and last segment are trimmed exactly by ffmpeg. */
    FAST,
    /** Fast, then MPEG-TS timestamps rewritten to start at 0 and run on without jumps. */
    SMART,
    /** Full re-encode through ffmpeg ({@code libx264 -preset ultrafast -crf 0}). */
    MPEGTS,
    /** Full re-encode to WebM (VP9 video, Opus audio), for browsers. */
    WEBM;

    /** Whether the whole output is re-encoded: heavy work, counted against the heavy-job limit. */
    public boolean fullEncode() {
        return this == MPEGTS || this == WEBM;
    }

    /** The {@code cut_type} metric label (the original's names). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CutType parse(String value) {
        if (value == null) {
            return FAST;
        }
        if (value.equalsIgnoreCase("mp4")) {
            // the original disabled it too, for the load it causes
            throw HttpError.badRequest("type=mp4 is not supported; use webm or mpegts");
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("unknown type '" + value + "'; want one of: rough, fast, smart, mpegts, webm");
        }
    }
}
