package org.wubloader.downloader;

import java.time.Duration;

/**
 * Every interval and timeout of the downloader, with the original's values as defaults
 * (spec §6). Tests shrink them with {@link #scaled} so fault scenarios run in seconds.
 *
 * @param masterSoft a master fetch this slow asks for another refresh
 * @param masterHard a master fetch this slow is abandoned (request reset, yt-dlp killed)
 * @param minIntervalImportant minimum spacing of master fetches of an important channel
 * @param minIntervalNormal minimum spacing of master fetches otherwise
 * @param playlistSoft a media playlist fetch this slow asks for a new worker
 * @param playlistHard a media playlist fetch this slow fails
 * @param pollInterval between media playlist polls
 * @param pollErrorWait after a failed media playlist fetch
 * @param mapSoft map data this slow fires the getter's retry signal
 * @param mapHard map data this slow fails the attempt
 * @param headersSoft segment headers this slow fire the retry signal
 * @param headersHard segment headers this slow fail the attempt
 * @param wholeSoft a whole segment (headers and body) this slow fires the retry signal
 * @param wholeHard a whole segment this slow fails the attempt (what arrived is kept as partial)
 * @param suspectAfter a segment that took this long (map fetch excluded) is saved as suspect:
 *     Twitch cuts stuck requests at 60 s with truncated but valid-looking data
 * @param giveUp a getter stops retrying this long after it started (URLs die after ~7 min)
 * @param retryWait the longest a getter waits between attempts when no soft timeout fired
 * @param getterErrorWait after an unexpected getter error
 * @param replacementBackoff base of the backoff before a worker is replaced by one on the
 *     same URL (the url provider's URL never changes)
 * @param shutdownGrace how long in-flight getters may run after SIGTERM before being aborted
 */
public record Timings(
        Duration masterSoft,
        Duration masterHard,
        Duration minIntervalImportant,
        Duration minIntervalNormal,
        Duration playlistSoft,
        Duration playlistHard,
        Duration pollInterval,
        Duration pollErrorWait,
        Duration mapSoft,
        Duration mapHard,
        Duration headersSoft,
        Duration headersHard,
        Duration wholeSoft,
        Duration wholeHard,
        Duration suspectAfter,
        Duration giveUp,
        Duration retryWait,
        Duration getterErrorWait,
        Duration replacementBackoff,
        Duration shutdownGrace) {

    public static Timings defaults() {
        return new Timings(
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                Duration.ofSeconds(5),
                Duration.ofSeconds(90),
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                Duration.ofSeconds(15),
                Duration.ofSeconds(240),
                Duration.ofSeconds(59),
                Duration.ofMinutes(20),
                Duration.ofSeconds(2),
                Duration.ofMillis(500),
                Duration.ofSeconds(2),
                Duration.ofSeconds(15));
    }

    /** Every value multiplied by {@code factor} except the shutdown grace, which has its own option. */
    public Timings scaled(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("timing scale must be a positive number, got " + factor);
        }
        return new Timings(s(masterSoft, factor), s(masterHard, factor), s(minIntervalImportant, factor),
                s(minIntervalNormal, factor), s(playlistSoft, factor), s(playlistHard, factor),
                s(pollInterval, factor), s(pollErrorWait, factor), s(mapSoft, factor), s(mapHard, factor),
                s(headersSoft, factor), s(headersHard, factor), s(wholeSoft, factor), s(wholeHard, factor),
                s(suspectAfter, factor), s(giveUp, factor), s(retryWait, factor), s(getterErrorWait, factor),
                s(replacementBackoff, factor), shutdownGrace);
    }

    public Timings withShutdownGrace(Duration grace) {
        return new Timings(masterSoft, masterHard, minIntervalImportant, minIntervalNormal, playlistSoft,
                playlistHard, pollInterval, pollErrorWait, mapSoft, mapHard, headersSoft, headersHard, wholeSoft,
                wholeHard, suspectAfter, giveUp, retryWait, getterErrorWait, replacementBackoff, grace);
    }

    public Timings withWhole(Duration soft, Duration hard) {
        return new Timings(masterSoft, masterHard, minIntervalImportant, minIntervalNormal, playlistSoft,
                playlistHard, pollInterval, pollErrorWait, mapSoft, mapHard, headersSoft, headersHard, soft, hard,
                suspectAfter, giveUp, retryWait, getterErrorWait, replacementBackoff, shutdownGrace);
    }

    public Timings withSuspectAfter(Duration threshold) {
        return new Timings(masterSoft, masterHard, minIntervalImportant, minIntervalNormal, playlistSoft,
                playlistHard, pollInterval, pollErrorWait, mapSoft, mapHard, headersSoft, headersHard, wholeSoft,
                wholeHard, threshold, giveUp, retryWait, getterErrorWait, replacementBackoff, shutdownGrace);
    }

    private static Duration s(Duration d, double factor) {
        return Duration.ofNanos(Math.max(1_000_000L, Math.round(d.toNanos() * factor)));
    }
}
