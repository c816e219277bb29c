package org.wubloader.restreamer.cut;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.wubloader.restreamer.http.HttpError;

/**
 * A transition between two consecutive ranges of a cut: {@code type} an ffmpeg {@code xfade}
 * transition (or one of ours drawn with {@code xfade}'s custom expression), over
 * {@code durationMicros}. A hard cut is {@link #HARD}.
 */
public record Transition(String type, long durationMicros) {
    public static final Transition HARD = new Transition("", 0);

    /** The xfade transitions the editor may ask for (the original's list). */
    public static final List<String> XFADE = List.of(
            "fade",
            "fadeblack",
            "fadewhite",
            "fadegrays",
            "wipeleft",
            "wiperight",
            "wipeup",
            "wipedown",
            "slideleft",
            "slideright",
            "slideup",
            "slidedown",
            "circlecrop",
            "rectcrop",
            "distance",
            "radial",
            "smoothleft",
            "smoothright",
            "smoothup",
            "smoothdown",
            "circleopen",
            "circleclose",
            "vertopen",
            "vertclose",
            "horzopen",
            "horzclose",
            "dissolve",
            "pixelize",
            "diagtl",
            "diagtr",
            "diagbl",
            "diagbr",
            "hlslice",
            "hrslice",
            "vuslice",
            "vdslice",
            "hblur",
            "wipetl",
            "wipetr",
            "wipebl",
            "wipebr",
            "squeezeh",
            "squeezev",
            "zoomin",
            "hlwind",
            "hrwind",
            "vuwind",
            "vdwind",
            "coverleft",
            "coverright",
            "coverup",
            "coverdown",
            "revealleft",
            "revealright",
            "revealup",
            "revealdown");

    /**
     * Added to xfade after ffmpeg 5.1 (Debian 12's): the last twelve of {@link #XFADE}, from
     * {@code hlwind} on. Refused with 400 when the installed ffmpeg lacks them ({@link XfadeSupport}).
     */
    public static final Set<String> NEWER_THAN_FFMPEG_5_1 =
            Set.copyOf(XFADE.subList(XFADE.indexOf("hlwind"), XFADE.size()));

    public boolean hard() {
        return durationMicros == 0;
    }

    /**
     * Parses one {@code transition=} value: empty (a hard cut) or {@code TYPE,DURATION}.
     *
     * @param supported whether an xfade name works with the installed ffmpeg
     */
    public static Transition parse(String value, java.util.function.Predicate<String> supported) {
        if (value.isEmpty()) {
            return HARD;
        }
        int comma = value.indexOf(',');
        if (comma < 0 || value.indexOf(',', comma + 1) >= 0) {
            throw HttpError.badRequest(
                    "malformed transition '" + value + "': want TYPE,DURATION or empty for a hard cut");
        }
        String type = value.substring(0, comma);
        String duration = value.substring(comma + 1);
        if (!XFADE.contains(type) && !CustomTransitions.NAMES.contains(type)) {
            throw HttpError.badRequest("unknown transition type '" + type + "'");
        }
        if (XFADE.contains(type) && !supported.test(type)) {
            throw HttpError.badRequest("transition type '" + type + "' is not supported by this node's ffmpeg");
        }
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(duration);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("bad transition duration '" + duration + "': not a decimal number");
        }
        if (seconds.signum() <= 0 || seconds.compareTo(BigDecimal.valueOf(3600)) > 0) {
            throw HttpError.badRequest("bad transition duration '" + duration + "': must be > 0 seconds");
        }
        long micros = seconds.movePointRight(6).longValue();
        if (micros <= 0) {
            throw HttpError.badRequest("bad transition duration '" + duration + "': must be at least 1 microsecond");
        }
        return new Transition(type, micros);
    }
}
