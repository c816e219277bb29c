package org.wubloader.restreamer.playlist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.segment.Span;
import org.wubloader.common.storage.BestSegments;
import org.wubloader.common.storage.SegmentListing;
import org.wubloader.common.storage.SegmentStore;
import org.wubloader.common.time.HourNames;

/**
 * Indexes the most recent hours of every channel and quality at startup, in the background, so
 * the first playlist request after a restart does not pay for listing and parsing a day of
 * segment names (and the playlist code is compiled by then). Purely an optimisation: requests
 * arriving before it is done are served as usual, just slower.
 */
public final class Prewarm {
    private static final Logger log = LoggerFactory.getLogger(Prewarm.class);

    private Prewarm() {}

    /** @return hours indexed */
    public static int run(SegmentStore store, int hours) {
        if (hours <= 0) {
            return 0;
        }
        long started = System.nanoTime();
        int indexed = 0;
        List<Span> largest = List.of();
        try {
            Path base = store.baseDir();
            for (String channel : SegmentListing.channels(base)) {
                for (String quality : SegmentListing.qualities(base, channel)) {
                    if (quality.equals("chat")) {
                        continue;
                    }
                    List<String> names = PlaylistService.hours(store.qualityDir(channel, quality));
                    List<String> recent = names.subList(Math.max(0, names.size() - hours), names.size());
                    for (String hour : recent) {
                        store.hour(channel, quality, hour);
                        indexed++;
                    }
                    if (!recent.isEmpty()) {
                        long from = HourNames.parse(recent.get(0));
                        long to = HourNames.parse(recent.get(recent.size() - 1)) + HourNames.MICROS_PER_HOUR;
                        List<Span> spans = store.bestSegments(channel, quality, from, to, true);
                        if (spans.size() > largest.size()) {
                            largest = spans;
                        }
                    }
                }
            }
            MediaPlaylistRenderer renderer = new MediaPlaylistRenderer("/segments/prewarm/");
            for (int i = 0; i < 5 && !largest.isEmpty(); i++) {
                renderer.render(largest, (data, length) -> {});
            }
            log.info("Prewarm done: {} hours indexed in {} ms", indexed, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | BestSegments.ContainsHolesException | RuntimeException e) {
            log.warn("Prewarm stopped after {} hours: {}", indexed, e.toString());
        }
        return indexed;
    }
}
