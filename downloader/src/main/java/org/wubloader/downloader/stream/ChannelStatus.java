package org.wubloader.downloader.stream;

import java.util.List;

/**
 * What one channel's streams manager is doing now, as values: the backdoor's {@code state}
 * prints it (an operator's view of which workers run, which are suspect and why a channel
 * fetches nothing), and tests read it instead of that text.
 *
 * @param lastError the last master fetch's error, or null once a fetch succeeded
 */
public record ChannelStatus(
        String channel,
        boolean important,
        String type,
        boolean stopping,
        int masterFetches,
        boolean fetching,
        String lastError,
        List<Worker> workers) {

    public ChannelStatus {
        workers = List.copyOf(workers);
    }

    /**
     * One stream worker.
     *
     * @param uri the media playlist it polls, redacted as in logs
     * @param polling false once it was told to stop (its getters may still run)
     * @param getters getters not yet idle (running, retrying or queued)
     * @param running getters holding one of the worker's download slots
     * @param queued getters waiting for a slot
     * @param encryptedRefused encrypted segments in the latest playlist, refused (never fetched)
     * @param lastError the last poll's error, or null
     */
    public record Worker(
            String id,
            String quality,
            String uri,
            boolean polling,
            boolean suspect,
            int polls,
            int getters,
            int running,
            int queued,
            int encryptedRefused,
            String lastError) {}
}
