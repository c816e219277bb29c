package org.wubloader.downloader.stream;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.wubloader.common.time.Micros;
import org.wubloader.downloader.hls.MediaSegment;
import org.wubloader.downloader.hls.StartTimes;

/**
 * What one successful media playlist poll means for a worker: which ads to count, which
 * clock skews to record, whether the worker turns suspect, and which getters to start. Pure,
 * so the rules are tested without a network.
 *
 * <p>Rules (docs/downloader.md §6 "Stream workers" with the required improvements):
 * <ul>
 *   <li>An ad is counted once per URI, not once per poll, and never downloaded. It advances
 *       the expected time like any other segment, so an ad never looks like clock skew.
 *   <li>Only content segments' PROGRAM-DATE-TIMEs anchor the expected time. Skew is
 *       {@code expected − stated}, judged once per segment URI.
 *   <li>With skew detection on, |skew| above the threshold flags the worker suspect for
 *       good; getters created from then on (this poll included) save {@code suspect}.
 *   <li>An undated segment starts where the previous one ends; the very first one, with
 *       nothing before it, at the fetch time minus the remaining playlist duration. Such a
 *       guess is saved as {@code suspect}; it never fails the worker.
 * </ul>
 *
 * @param newAds ad URIs not counted before
 * @param judged URIs whose skew was judged in this poll
 * @param skews the non-zero skews judged in this poll, in seconds, signed
 * @param flaggedBySkew the skew that flagged the worker in this poll, or null
 * @param sawContent whether any non-ad segment is listed (the worker is "working")
 * @param newSegments getters to start, in playlist order
 */
public record PollPlan(
        List<URI> newAds,
        List<URI> judged,
        List<Double> skews,
        Double flaggedBySkew,
        boolean sawContent,
        List<NewSegment> newSegments) {

    /**
     * Twitch's 2-second segments drift by a few ms in the wild; more than this is a jump. We
     * have observed a Twitch connection jump slightly — segments timed 10.3, 12.3, 14.7, 16.7
     * — and then stay offset from other nodes' copies until it reconnects. So the worker turns
     * suspect for good (its later segments are kept, but used only where no full copy exists)
     * and asks for a replacement: a fresh connection gets back in line. See
     * docs/architecture.md, "Incidents and constraints behind the rules".
     */
    public static final double SKEW_THRESHOLD_SECONDS = 0.01;

    /**
     * A segment to fetch.
     *
     * @param startMicros its start, epoch microseconds
     * @param suspect save it as {@code suspect} (worker flagged, or start guessed)
     * @param guessedStart the start came from the fetch time, not from the playlist
     */
    public record NewSegment(MediaSegment segment, long startMicros, boolean suspect, boolean guessedStart) {}

    public PollPlan {
        newAds = List.copyOf(newAds);
        judged = List.copyOf(judged);
        skews = List.copyOf(skews);
        newSegments = List.copyOf(newSegments);
    }

    /**
     * @param fetchTime wall-clock time just before the fetch
     * @param haveGetter URIs that already have a getter
     * @param adsCounted ad URIs already counted
     * @param skewJudged URIs whose skew was already judged
     * @param skewDetection whether the provider flags workers on skew (twitch)
     * @param workerSuspect whether the worker is already flagged
     */
    public static PollPlan plan(
            List<MediaSegment> segments,
            Instant fetchTime,
            Set<URI> haveGetter,
            Set<URI> adsCounted,
            Set<URI> skewJudged,
            boolean skewDetection,
            boolean workerSuspect) {
        List<StartTimes.SegmentStart> starts = StartTimes.compute(segments, fetchTime);
        List<URI> newAds = new ArrayList<>();
        List<URI> judged = new ArrayList<>();
        List<Double> skews = new ArrayList<>();
        List<NewSegment> fresh = new ArrayList<>();
        Double flaggedBy = null;
        boolean suspect = workerSuspect;
        boolean sawContent = false;
        Instant expected = null;
        for (int i = 0; i < segments.size(); i++) {
            MediaSegment segment = segments.get(i);
            URI uri = segment.uri();
            if (segment.ad()) {
                if (!adsCounted.contains(uri) && !newAds.contains(uri)) {
                    newAds.add(uri);
                }
            } else {
                sawContent = true;
                Instant stated = segment.programDateTime();
                if (stated != null) {
                    if (expected != null && !skewJudged.contains(uri) && !judged.contains(uri)) {
                        judged.add(uri);
                        double skew = Duration.between(stated, expected).toNanos() / 1e9;
                        if (skew != 0) {
                            skews.add(skew);
                        }
                        if (skewDetection && !suspect && Math.abs(skew) > SKEW_THRESHOLD_SECONDS) {
                            suspect = true;
                            flaggedBy = skew;
                        }
                    }
                    expected = stated;
                }
                if (!haveGetter.contains(uri)
                        && fresh.stream().noneMatch(n -> n.segment().uri().equals(uri))) {
                    StartTimes.SegmentStart start = starts.get(i);
                    boolean guessed = start.basis() == StartTimes.Basis.FETCH_TIME;
                    fresh.add(new NewSegment(segment, Micros.of(start.time()), suspect || guessed, guessed));
                }
            }
            if (expected != null) {
                expected = expected.plus(segment.nominalDuration());
            }
        }
        return new PollPlan(newAds, judged, skews, flaggedBy, sawContent, fresh);
    }
}
