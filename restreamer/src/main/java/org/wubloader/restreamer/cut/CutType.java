package org.wubloader.restreamer.cut;

import java.util.Locale;
import org.wubloader.restreamer.http.HttpError;

/** The {@code type} parameter of a cut (SPEC §4.5). */
public enum CutType {
    /** The covering segments' bytes as they are; may run a few seconds past the range. */
    ROUGH,
    /** Like rough, but the first and last segment are trimmed exactly by ffmpeg. */
    FAST,
    /** Fast, then MPEG-TS timestamps rewritten to start at 0 and run on without jumps. */
    SMART,
    /** Full re-encode through ffmpeg ({@code libx264 -preset ultrafast -crf 0}). */
    MPEGTS;

    public static CutType parse(String value) {
        if (value == null) {
            return FAST;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("unknown type '" + value + "'; want one of: rough, fast, smart, mpegts");
        }
    }
}
