package org.wubloader.common.segment;

import java.security.MessageDigest;

/**
 * Gets SHA-256 compiled before the first segment body arrives. Why: the JVM's SHA-256 is fast
 * only once C2 has compiled {@code implCompressMultiBlock} (C2 replaces it with the CPU's SHA
 * instructions; the interpreter and C1 run the Java rounds, about ten times slower), and C2
 * compiles a method only after thousands of calls. A cold {@code --run-once} therefore hashed
 * its first hundreds of MB slowly while the bodies were already waiting (measured: the run used
 * 15.4 user-seconds with C1 only, 6.1 with C2). Hashing junk on a daemon thread while the
 * service starts and fetches its listings moves that compile out of the transfer's way (bin/wubloader
 * also has C2 compile the two compress methods after a hundredth of its usual thresholds, so that
 * this takes about 2 MiB of junk).
 *
 * <p>Bounded: stops as soon as one MiB hashes at more than {@link #FAST_BYTES_PER_MS} (the
 * compiled code is in), and in any case after {@link #MAX_BYTES} or {@link #MAX_NANOS}.
 */
public final class HashWarmUp {
    static final int MAX_BYTES = 64 << 20;
    static final long MAX_NANOS = 3_000_000_000L;
    /** 1 MiB in under 2 ms is well above what the Java rounds reach here (about 150 MB/s). */
    static final long FAST_BYTES_PER_MS = 500_000;

    private static final int CHUNK = 64 * 1024;
    private static final int PROBE = 1 << 20;

    private HashWarmUp() {}

    /** Starts the warm-up on a daemon thread and returns at once. */
    public static Thread start() {
        Thread thread = new Thread(HashWarmUp::run, "sha256-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    /** Hashes until the fast path is in or a bound is reached; returns the bytes hashed. */
    static long run() {
        MessageDigest digest = SegmentHash.newDigest();
        byte[] chunk = new byte[CHUNK];
        long begin = System.nanoTime();
        long hashed = 0;
        while (hashed < MAX_BYTES && System.nanoTime() - begin < MAX_NANOS) {
            long t0 = System.nanoTime();
            for (int done = 0; done < PROBE; done += CHUNK) {
                digest.update(chunk, 0, CHUNK);
            }
            digest.digest(chunk);
            hashed += PROBE;
            long nanos = Math.max(1, System.nanoTime() - t0);
            if (PROBE * 1_000_000L / nanos > FAST_BYTES_PER_MS) {
                break;
            }
        }
        return hashed;
    }
}
