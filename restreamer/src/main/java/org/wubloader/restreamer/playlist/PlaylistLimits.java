package org.wubloader.restreamer.playlist;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * How much playlist work runs at once (issue 11 item 9: 400 concurrent 24 h playlists took the
 * process to 8.7 GB and /metrics to a second). A media playlist being rendered holds its rendered
 * bytes until its slowest client has them (about 8 MB for 24 h), and its thread is paced by its
 * fastest client; so at most {@code renderings} are rendered at once, at most {@code queued}
 * more wait for a thread, and any request beyond that gets a 503 at once (players retry).
 * A rendering already cached, or an identical request in flight, costs no slot.
 *
 * @param renderings playlists rendered at once (threads of the playlist pool)
 * @param queued requests waiting for a rendering thread before further ones get 503
 */
public record PlaylistLimits(int renderings, int queued) {
    /** Defaults: two renderings per core (at least 4), and 64 waiting. */
    public static PlaylistLimits defaults() {
        return new PlaylistLimits(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), 64);
    }

    public PlaylistLimits {
        if (renderings < 1) {
            throw new IllegalArgumentException("playlist renderings must be at least 1, not " + renderings);
        }
        if (queued < 0) {
            throw new IllegalArgumentException("queued playlist requests must be at least 0, not " + queued);
        }
    }

    /** The playlist pool: {@code renderings} threads, a queue of {@code queued}, rejecting beyond. */
    public ExecutorService executor(ThreadFactory threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                renderings,
                renderings,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queued)),
                threads,
                new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true); // idle: no threads, no stacks
        return pool;
    }
}
