package org.wubloader.common.http;

import java.time.Duration;

/**
 * The bounds of one GET through {@link HttpGet}, as named values.
 *
 * @param headerTimeout the response headers must arrive within this; {@link Duration#ZERO} for
 *     no bound (a caller's own soft/hard timeouts bound the exchange)
 * @param stallTimeout once the body flows, no byte for this long aborts it — except while our
 *     own consumer has paused the body (a slow disk is not a stalled peer); zero for none
 * @param deadline the whole exchange, headers to last byte, must end within this; {@link
 *     Duration#ZERO} for none. A body that drips one byte just inside the stall timeout would
 *     otherwise hold its slot forever (the incident: 1 byte every 20 s, 243 days for 1 MiB).
 * @param maxBodyBytes a longer body (by Content-Length or by what arrives) is aborted; an endless
 *     body once grew a temp file at 300 MB/s
 */
public record GetLimits(Duration headerTimeout, Duration stallTimeout, Duration deadline, long maxBodyBytes) {
    /** No body-size limit. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    public GetLimits {
        if (headerTimeout.isNegative()) {
            throw new IllegalArgumentException("header timeout must not be negative, got " + headerTimeout);
        }
        if (stallTimeout.isNegative()) {
            throw new IllegalArgumentException("stall timeout must not be negative, got " + stallTimeout);
        }
        if (deadline.isNegative()) {
            throw new IllegalArgumentException("deadline must not be negative, got " + deadline);
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maximum body size must not be negative, got " + maxBodyBytes);
        }
    }

    /** No bound at all: for exchanges bounded by the caller (the downloader's soft/hard timeouts). */
    public static final GetLimits NONE = new GetLimits(Duration.ZERO, Duration.ZERO, Duration.ZERO, UNLIMITED);

    /** Headers and stalls bounded by {@code timeout}; no deadline, no size limit. */
    public static GetLimits of(Duration timeout) {
        return new GetLimits(timeout, timeout, Duration.ZERO, UNLIMITED);
    }

    public GetLimits withHeaderTimeout(Duration d) {
        return new GetLimits(d, stallTimeout, deadline, maxBodyBytes);
    }

    public GetLimits withStallTimeout(Duration d) {
        return new GetLimits(headerTimeout, d, deadline, maxBodyBytes);
    }

    public GetLimits withDeadline(Duration d) {
        return new GetLimits(headerTimeout, stallTimeout, d, maxBodyBytes);
    }

    public GetLimits withMaxBodyBytes(long n) {
        return new GetLimits(headerTimeout, stallTimeout, deadline, n);
    }

    public boolean hasDeadline() {
        return !deadline.isZero();
    }
}
