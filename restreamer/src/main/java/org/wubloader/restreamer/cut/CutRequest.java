package org.wubloader.restreamer.cut;

import java.util.ArrayList;
import java.util.List;
import org.wubloader.restreamer.http.HttpError;
import org.wubloader.restreamer.http.QueryParams;

/**
 * The parameters of a cut (docs/api.md §4.5), validated: every problem is a 400 with its reason, found
 * before anything is read from disk.
 *
 * @param ranges in output order; a null bound means the earliest/latest available
 * @param transitions one per gap between consecutive ranges ({@link Transition#HARD} where none
 *     was given)
 */
public record CutRequest(List<TimeRange> ranges, List<Transition> transitions, boolean allowHoles, CutType type) {

    /** One range; null bounds are resolved later against what is stored. */
    public record TimeRange(Long start, Long end) {}

    public static CutRequest parse(QueryParams params) {
        return parse(params, XfadeSupport::supported);
    }

    public static CutRequest parse(QueryParams params, java.util.function.Predicate<String> xfadeSupported) {
        List<TimeRange> ranges = new ArrayList<>();
        List<String> rangeParams = params.all("range");
        if (!rangeParams.isEmpty()) {
            for (String value : rangeParams) {
                int comma = value.indexOf(',');
                if (comma < 0 || value.indexOf(',', comma + 1) >= 0) {
                    throw HttpError.badRequest("malformed range '" + value + "': want START,END");
                }
                ranges.add(checked(new TimeRange(
                        QueryParams.timestampMicros("range start", value.substring(0, comma)),
                        QueryParams.timestampMicros("range end", value.substring(comma + 1)))));
            }
        } else {
            ranges.add(checked(new TimeRange(params.timestamp("start"), params.timestamp("end"))));
        }
        boolean allowHoles = params.bool("allow_holes", false);
        CutType type = CutType.parse(params.get("type"));
        List<String> transitionParams = params.all("transition");
        if (transitionParams.size() >= ranges.size() && !transitionParams.isEmpty()) {
            throw HttpError.badRequest("Too many transitions: " + transitionParams.size() + " for " + ranges.size()
                    + " range(s); want at most one per gap between ranges");
        }
        List<Transition> transitions = new ArrayList<>();
        for (int i = 0; i + 1 < ranges.size(); i++) {
            Transition t = i < transitionParams.size()
                    ? Transition.parse(transitionParams.get(i), xfadeSupported)
                    : Transition.HARD;
            if (!t.hard()) {
                checkFits(t, ranges.get(i));
                checkFits(t, ranges.get(i + 1));
            }
            transitions.add(t);
        }
        return new CutRequest(List.copyOf(ranges), List.copyOf(transitions), allowHoles, type);
    }

    /** docs/api.md: a transition longer than either neighbouring range is refused. */
    private static void checkFits(Transition t, TimeRange range) {
        if (range.start() != null && range.end() != null && t.durationMicros() > range.end() - range.start()) {
            throw HttpError.badRequest("transition " + t.type() + " of " + t.durationMicros() / 1e6
                    + " s is longer than a range it joins");
        }
    }

    /** Whether any gap is a real (not hard) transition. */
    public boolean hasTransitions() {
        return transitions.stream().anyMatch(t -> !t.hard());
    }

    private static TimeRange checked(TimeRange range) {
        if (range.start() != null && range.end() != null && range.end() <= range.start()) {
            throw HttpError.badRequest("end must be after start");
        }
        return range;
    }
}
