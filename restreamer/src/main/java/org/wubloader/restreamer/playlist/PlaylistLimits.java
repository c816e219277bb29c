package org.wubloader.restreamer.playlist;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * How much playlist work is in progress at once (issue 11 item 9: 400 concurrent 24 h playlists
 * took the process to 8.7 GB and /metrics to a second). A media playlist being rendered holds a
 * bounded window of its output (a few 256 KiB chunks, {@link org.wubloader.restreamer.http.SharedBody}),
 * not its whole rendering, and renders its next chunk only as its clients' sockets drain. At most
 * {@code renderings} are in progress, at most {@code queued} more wait for one to end, and any
 * request beyond that gets a 503 at once (players retry). A rendering already cached, or an
 * identical request that joins one in progress, costs no slot.
 *
 * @param renderings playlists in progress at once (each holds about 1.3 MiB, restreamer/README.md "Limits")
 * @param queued requests waiting for a rendering before further ones get 503
 * @param retainedBytes renderings in progress kept whole, in all, so identical requests can join
 *     them and the render cache can take them
 * @param cacheBytes the render cache, in native memory
 */
public record PlaylistLimits(int renderings, int queued, long retainedBytes, long cacheBytes) {
    /** Defaults: 32 renderings in progress (about 42 MiB at most), 256 waiting. */
    public static final int DEFAULT_RENDERINGS = 32;

    public static final int DEFAULT_QUEUED = 256;

    public static final int DEFAULT_RETAINED_MIB = 32;
    public static final int DEFAULT_CACHE_MIB = 64;

    public static PlaylistLimits defaults() {
        return new PlaylistLimits(DEFAULT_RENDERINGS, DEFAULT_QUEUED);
    }

    public PlaylistLimits(int renderings, int queued) {
        this(renderings, queued, (long) DEFAULT_RETAINED_MIB << 20, (long) DEFAULT_CACHE_MIB << 20);
    }

    public PlaylistLimits {
        if (renderings < 1) {
            throw new IllegalArgumentException("playlist renderings must be at least 1, not " + renderings);
        }
        if (queued < 0) {
            throw new IllegalArgumentException("queued playlist requests must be at least 0, not " + queued);
        }
        if (retainedBytes < 0 || cacheBytes < 0) {
            throw new IllegalArgumentException("playlist memory limits must be at least 0");
        }
    }

    /**
     * Threads that render: two per CPU (at least 4, at most {@code renderings} but 2). A rendering
     * takes a thread only while it renders a chunk or reads the index, never while it waits for
     * a client, so a few threads serve every rendering in progress.
     */
    public int threads() {
        // At least 2: the startup prewarm holds one thread while it requests playlists of its own server.
        return Math.max(
                2, Math.min(renderings, Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
    }

    /**
     * The playlist pool. Its queue needs no bound of its own: every task belongs to a rendering
     * slot ({@link RenderSlots}), which has at most one task queued at a time.
     */
    public ExecutorService executor(ThreadFactory factory) {
        int n = threads();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true); // idle: no threads, no stacks
        return pool;
    }
}
