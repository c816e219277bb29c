package org.wubloader.downloader.hls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Marks as ads the segments spanned by {@code CLASS="twitch-stitched-ad"} date ranges, as
 * current players do.
 *
 * <p>A segment is inside a range when its start falls in [START-DATE, START-DATE + length).
 * The start is the one {@link StartTimes} gives without a fallback. The length is DURATION,
 * else END-DATE − START-DATE, else PLANNED-DURATION.
 *
 * <p>When a segment's start or the range's START-DATE is unknown, the range is taken to
 * start where its tag stands (Twitch writes it just before the first ad segment), and a
 * segment's offset into it is the sum of the durations of the segments between the tag and
 * it.
 *
 * <p>A range with no known length is open-ended. Stitched ads are spliced in with
 * discontinuities on both sides, so an open range ends at the first discontinuity after the
 * first segment inside it, that is at the splice back to content; otherwise it runs to the
 * end of this playlist. Stopping at the splice means a malformed tag costs at most one ad
 * break, never the content after it. Nothing carries over to the next parse.
 */
final class StitchedAds {

    /** A date range and the index of the first segment after its tag. */
    record Placed(DateRange range, int nextSegment) {}

    private StitchedAds() {}

    /** Returns {@code segments} with the stitched-ad segments marked; earlier reasons are kept. */
    static List<MediaSegment> mark(List<MediaSegment> segments, List<Placed> ranges) {
        if (ranges.stream().noneMatch(p -> p.range().isTwitchStitchedAd())) {
            return segments;
        }
        List<StartTimes.SegmentStart> starts = StartTimes.compute(segments);
        MediaSegment[] marked = segments.toArray(new MediaSegment[0]);
        for (Placed placed : ranges) {
            if (placed.range().isTwitchStitchedAd()) {
                markRange(marked, starts, placed);
            }
        }
        return List.of(marked);
    }

    private static void markRange(MediaSegment[] segments, List<StartTimes.SegmentStart> starts, Placed placed) {
        DateRange range = placed.range();
        Optional<Duration> length = range.length();
        String reason = DateRange.TWITCH_STITCHED_AD + (range.id() == null ? "" : " " + range.id());
        Duration positionalOffset = Duration.ZERO;
        boolean entered = false;
        for (int i = 0; i < segments.length; i++) {
            Duration offset =
                    offset(range.startDate(), starts.get(i).time(), i >= placed.nextSegment(), positionalOffset);
            if (i >= placed.nextSegment()) {
                positionalOffset = positionalOffset.plus(segments[i].nominalDuration());
            }
            if (offset == null || offset.isNegative()) {
                continue;
            }
            if (length.isPresent()) {
                if (offset.compareTo(length.get()) >= 0) {
                    continue;
                }
            } else {
                if (entered && segments[i].discontinuity()) {
                    return;
                }
                entered = true;
            }
            if (!segments[i].ad()) {
                segments[i] = segments[i].withAdReason(reason);
            }
        }
    }

    /** The segment's offset into the range, or null if it cannot be inside it. */
    private static Duration offset(
            Instant startDate, Instant segmentStart, boolean afterTag, Duration positionalOffset) {
        if (startDate != null && segmentStart != null) {
            return Duration.between(startDate, segmentStart);
        }
        return afterTag ? positionalOffset : null;
    }
}
