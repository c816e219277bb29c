package org.wubloader.downloader;

import java.time.Duration;

/**
 * Every interval and timeout of the downloader, grouped by the loop that uses it, with the
 * original's values as named defaults (docs/downloader.md §6). Tests shrink them with {@link #scaled} so
 * fault scenarios run in seconds, and change one value with a {@code with…} method.
 *
 * @param master the channel's master-playlist loop
 * @param playlist a worker's media-playlist poll
 * @param segment one attempt at one segment
 * @param getter the retries of one segment
 * @param replacementBackoff base of the backoff before a worker is replaced by one on the
 *     same URL (the url provider's URL never changes)
 * @param shutdownGrace how long in-flight getters may run after SIGTERM before being aborted
 */
public record Timings(
        Master master,
        Playlist playlist,
        Segment segment,
        Getter getter,
        Duration replacementBackoff,
        Duration shutdownGrace) {

    /**
     * A paired timeout: after {@code soft} something else is started while the operation goes
     * on (another refresh, a replacement worker, a retry); after {@code hard} it is abandoned.
     */
    public record SoftHard(Duration soft, Duration hard) {
        public static SoftHard of(Duration soft, Duration hard) {
            return new SoftHard(soft, hard);
        }

        SoftHard scaled(double factor) {
            return new SoftHard(scale(soft, factor), scale(hard, factor));
        }
    }

    /**
     * @param fetch a master fetch this slow asks for another refresh (soft) or is abandoned:
     *     request reset, yt-dlp killed (hard)
     * @param minIntervalImportant minimum spacing of master fetches of an important channel
     * @param minIntervalNormal minimum spacing of master fetches otherwise
     */
    public record Master(SoftHard fetch, Duration minIntervalImportant, Duration minIntervalNormal) {
        public static final Master DEFAULTS = new Master(SoftHard.of(seconds(5), seconds(30)), seconds(5), seconds(20));

        Master scaled(double f) {
            return new Master(fetch.scaled(f), scale(minIntervalImportant, f), scale(minIntervalNormal, f));
        }
    }

    /**
     * @param fetch a media playlist fetch this slow asks for a new worker (soft) or fails (hard)
     * @param pollInterval between media playlist polls
     * @param errorWait after a failed media playlist fetch
     */
    public record Playlist(SoftHard fetch, Duration pollInterval, Duration errorWait) {
        public static final Playlist DEFAULTS =
                new Playlist(SoftHard.of(seconds(5), seconds(90)), seconds(2), seconds(1));

        Playlist scaled(double f) {
            return new Playlist(fetch.scaled(f), scale(pollInterval, f), scale(errorWait, f));
        }
    }

    /**
     * Each soft timeout fires the getter's retry signal (a second attempt starts beside the
     * slow one); each hard timeout fails the attempt.
     *
     * @param map the segment's map data
     * @param headers the segment's response headers
     * @param whole the whole segment, headers and body; at the hard timeout what arrived is
     *     kept as partial
     * @param suspectAfter a segment that took this long (map fetch excluded) is saved as
     *     suspect: Twitch cuts stuck requests at 60 s with truncated but valid-looking data
     */
    public record Segment(SoftHard map, SoftHard headers, SoftHard whole, Duration suspectAfter) {
        public static final Segment DEFAULTS = new Segment(
                SoftHard.of(seconds(5), seconds(60)),
                SoftHard.of(seconds(5), seconds(60)),
                SoftHard.of(seconds(15), seconds(240)),
                seconds(59));

        Segment scaled(double f) {
            return new Segment(map.scaled(f), headers.scaled(f), whole.scaled(f), scale(suspectAfter, f));
        }
    }

    /**
     * @param giveUp a getter stops retrying this long after it started (URLs die after ~7 min)
     * @param retryWait the longest a getter waits between attempts when no soft timeout fired
     * @param errorWait after an unexpected getter error
     */
    public record Getter(Duration giveUp, Duration retryWait, Duration errorWait) {
        public static final Getter DEFAULTS = new Getter(Duration.ofMinutes(20), seconds(2), Duration.ofMillis(500));

        Getter scaled(double f) {
            return new Getter(scale(giveUp, f), scale(retryWait, f), scale(errorWait, f));
        }
    }

    public static final Duration DEFAULT_REPLACEMENT_BACKOFF = seconds(2);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = seconds(15);

    public static Timings defaults() {
        return new Timings(
                Master.DEFAULTS,
                Playlist.DEFAULTS,
                Segment.DEFAULTS,
                Getter.DEFAULTS,
                DEFAULT_REPLACEMENT_BACKOFF,
                DEFAULT_SHUTDOWN_GRACE);
    }

    /** Every value multiplied by {@code factor} except the shutdown grace, which has its own option. */
    public Timings scaled(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("timing scale must be a positive number, got " + factor);
        }
        return new Timings(
                master.scaled(factor),
                playlist.scaled(factor),
                segment.scaled(factor),
                getter.scaled(factor),
                scale(replacementBackoff, factor),
                shutdownGrace);
    }

    public Timings withMaster(Master m) {
        return new Timings(m, playlist, segment, getter, replacementBackoff, shutdownGrace);
    }

    public Timings withPlaylist(Playlist p) {
        return new Timings(master, p, segment, getter, replacementBackoff, shutdownGrace);
    }

    public Timings withSegment(Segment s) {
        return new Timings(master, playlist, s, getter, replacementBackoff, shutdownGrace);
    }

    public Timings withGetter(Getter g) {
        return new Timings(master, playlist, segment, g, replacementBackoff, shutdownGrace);
    }

    public Timings withReplacementBackoff(Duration d) {
        return new Timings(master, playlist, segment, getter, d, shutdownGrace);
    }

    public Timings withShutdownGrace(Duration d) {
        return new Timings(master, playlist, segment, getter, replacementBackoff, d);
    }

    private static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }

    /** At least 1 ms: Vert.x refuses a timer shorter than that. */
    private static Duration scale(Duration d, double factor) {
        return Duration.ofNanos(Math.max(1_000_000L, Math.round(d.toNanos() * factor)));
    }
}
