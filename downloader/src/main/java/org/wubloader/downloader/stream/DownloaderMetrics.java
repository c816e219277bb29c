package org.wubloader.downloader.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import org.wubloader.common.http.ClientMetrics;
import org.wubloader.common.metrics.Histograms;
import org.wubloader.common.segment.SegmentType;

/**
 * The downloader's metrics, named as the original's (docs/downloader.md §6 "Metrics") so dashboards keep
 * working. Counters are exposed with the {@code _total} suffix Prometheus adds.
 */
public final class DownloaderMetrics {
    /** Buckets (docs/downloader.md §6): 0, 2^10, 2^14, 2^18, 2^19, 2^20, 2^21, 2^22, 2^24, 2^30, +Inf. */
    static final double[] SIZE_BUCKETS = {
        0, 1 << 10, 1 << 14, 1 << 18, 1 << 19, 1 << 20, 1 << 21, 1 << 22, 1 << 24, 1 << 30
    };

    private final MeterRegistry registry;
    private final ClientMetrics client;
    private final Histogram segmentSize;
    private final Map<Tags, AtomicLong> latestMicros = new ConcurrentHashMap<>();

    public DownloaderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.client = new ClientMetrics(registry);
        // Micrometer refuses a bucket at 0, and the original's dashboards have one (empty bodies):
        // this histogram goes straight to the Prometheus registry Micrometer wraps (Histograms).
        segmentSize = registry instanceof PrometheusMeterRegistry
                ? Histograms.of(
                        registry,
                        "segment_size",
                        "Body bytes of full and suspect segments saved",
                        SIZE_BUCKETS,
                        "type",
                        "channel",
                        "quality")
                : null;
    }

    public ClientMetrics client() {
        return client;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A file was saved; {@code bodyBytes} is ignored for partials (docs/downloader.md: sizes of full and suspect only). */
    public void saved(
            String channel, String quality, SegmentType type, double duration, long bodyBytes, long startMicros) {
        Tags tags = Tags.of("type", type.text(), "channel", channel, "quality", quality);
        Counter.builder("segments_downloaded")
                .description("Segment files saved (full, suspect or partial)")
                .tags(tags)
                .register(registry)
                .increment();
        Counter.builder("segment_duration_downloaded")
                .description("Nominal seconds of segments saved; a partial counts its full duration")
                .tags(tags)
                .register(registry)
                .increment(duration);
        if (type == SegmentType.PARTIAL) {
            return;
        }
        if (segmentSize != null) {
            segmentSize.labelValues(type.text(), channel, quality).observe(bodyBytes);
        }
        Tags cq = Tags.of("channel", channel, "quality", quality);
        AtomicLong latest = latestMicros.computeIfAbsent(cq, k -> {
            AtomicLong holder = new AtomicLong(Long.MIN_VALUE);
            Gauge.builder("latest_segment", holder, h -> h.get() == Long.MIN_VALUE ? Double.NaN : h.get() / 1e6)
                    .description("Start (Unix seconds) of the latest full or suspect segment saved")
                    .tags(cq)
                    .register(registry);
            return holder;
        });
        latest.accumulateAndGet(startMicros, Math::max);
    }

    public void adIgnored(String channel, String quality) {
        Counter.builder("ad_segments_ignored")
                .description("Ad segments skipped, once per segment URI")
                .tags("channel", channel, "quality", quality)
                .register(registry)
                .increment();
    }

    public void suspiciousSkew(String channel, String quality) {
        Counter.builder("suspicious_skew_count")
                .description("Workers flagged suspect after a clock jump")
                .tags("channel", channel, "quality", quality)
                .register(registry)
                .increment();
    }

    /** The per-worker skew meters; {@link SkewMeters#close()} removes them when the worker ends. */
    public SkewMeters skew(String channel, String quality, String worker) {
        return new SkewMeters(Tags.of("channel", channel, "quality", quality, "worker", worker));
    }

    /** {@code segment_time_skew_non_zero_sum} (a gauge, signed) and {@code …_count}, per worker. */
    public final class SkewMeters implements AutoCloseable {
        private final DoubleAdder sum = new DoubleAdder();
        private final Gauge sumGauge;
        private final Counter count;

        private SkewMeters(Tags tags) {
            sumGauge = Gauge.builder("segment_time_skew_non_zero_sum", sum, DoubleAdder::sum)
                    .description("Signed sum of non-zero segment time skews of a worker, in seconds")
                    .tags(tags)
                    .register(registry);
            count = Counter.builder("segment_time_skew_non_zero_count")
                    .description("Non-zero segment time skews of a worker")
                    .tags(tags)
                    .register(registry);
        }

        public void record(double skewSeconds) {
            sum.add(skewSeconds);
            count.increment();
        }

        /** Removes the worker's series (the original kept them for ever). */
        @Override
        public void close() {
            for (Meter meter : List.<Meter>of(sumGauge, count)) {
                registry.remove(meter);
            }
        }
    }
}
