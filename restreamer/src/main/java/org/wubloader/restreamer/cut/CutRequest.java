package org.wubloader.restreamer.cut;

import java.util.ArrayList;
import java.util.List;
import org.wubloader.restreamer.http.HttpError;
import org.wubloader.restreamer.http.QueryParams;

/**
 * The parameters of a cut (SPEC §4.5), validated: every problem is a 400 with its reason, found
 * before anything is read from disk.
 *
 * @param ranges in output order; a null bound means the earliest/latest available
 */
public record CutRequest(List<TimeRange> ranges, boolean allowHoles, CutType type) {

    /** One range; null bounds are resolved later against what is stored. */
    public record TimeRange(Long start, Long end) {}

    public static CutRequest parse(QueryParams params) {
        if (params.has("transition")) {
            throw HttpError.badRequest("transition is not supported");
        }
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
        return new CutRequest(List.copyOf(ranges), allowHoles, type);
    }

    private static TimeRange checked(TimeRange range) {
        if (range.start() != null && range.end() != null && range.end() <= range.start()) {
            throw HttpError.badRequest("end must be after start");
        }
        return range;
    }
}
