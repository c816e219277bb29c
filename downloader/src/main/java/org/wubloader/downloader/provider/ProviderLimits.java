package org.wubloader.downloader.provider;

import java.time.Duration;

/**
 * What a provider's links allow (docs/downloader.md §6 "Providers").
 *
 * @param maxWorkerAge a worker older than this is replaced (its links are about to expire)
 * @param maxGetters segment getters one worker runs at once
 * @param skewDetection whether a clock jump flags the worker suspect and restarts it
 */
public record ProviderLimits(Duration maxWorkerAge, int maxGetters, boolean skewDetection) {
    public static final ProviderLimits URL = new ProviderLimits(Duration.ofDays(30), 64, false);
    /** Links expire after 6 h; more than 4 getters hit rate limits. */
    public static final ProviderLimits YOUTUBE = new ProviderLimits(Duration.ofHours(5), 4, false);
    /** Links expire after 24 h. */
    public static final ProviderLimits TWITCH = new ProviderLimits(Duration.ofHours(20), 64, true);
}
