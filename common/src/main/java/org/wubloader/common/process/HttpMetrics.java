package org.wubloader.common.process;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP metrics with the original's names and labels (SPEC §3.6), so existing dashboards keep
 * working. Latencies are recorded in seconds as distribution summaries: a Micrometer timer would
 * add a {@code _seconds} suffix the dashboards do not expect.
 */
public final class HttpMetrics {
    /** 1 ms … 600 s, as the original's server histogram. */
    static final double[] SERVER_BUCKETS = {
        0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600
    };
    /** Prometheus client's default buckets, as the original's client histogram. */
    static final double[] CLIENT_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};

    private final MeterRegistry registry;
    private final ConcurrentHashMap<GaugeKey, AtomicLong> inFlight = new ConcurrentHashMap<>();

    private record GaugeKey(String name, Tags tags) {}

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One request being measured; call {@link #done} exactly once. */
    public final class Request {
        private final String latencyName;
        private final double[] buckets;
        private final Tags tags;
        private final AtomicLong concurrency;
        private final long startNanos = System.nanoTime();
        private boolean finished;

        private Request(String latencyName, double[] buckets, Tags tags, AtomicLong concurrency) {
            this.latencyName = latencyName;
            this.buckets = buckets;
            this.tags = tags;
            this.concurrency = concurrency;
            concurrency.incrementAndGet();
        }

        /** Records the latency under {@code status} ("200", "404", "error"…). */
        public void done(String status) {
            if (finished) {
                return;
            }
            finished = true;
            concurrency.decrementAndGet();
            DistributionSummary.builder(latencyName)
                    .description("Request latency in seconds")
                    .serviceLevelObjectives(buckets)
                    .tags(tags.and("status", status))
                    .register(registry)
                    .record((System.nanoTime() - startNanos) / 1e9);
        }

        public void done(int status) {
            done(Integer.toString(status));
        }
    }

    /** {@code http_request_latency_all{endpoint,method,status}} and {@code http_request_concurrency_all}. */
    public Request server(String endpoint, String method) {
        Tags tags = Tags.of("endpoint", endpoint, "method", method);
        return new Request("http_request_latency_all", SERVER_BUCKETS, tags,
                gauge("http_request_concurrency_all", tags, "Requests being served"));
    }

    /** {@code http_client_request_latency{name,method,domain,status}} and {@code http_client_request_concurrency}. */
    public Request client(String name, String method, String domain) {
        Tags tags = Tags.of("name", name, "method", method, "domain", domain);
        return new Request("http_client_request_latency", CLIENT_BUCKETS, tags,
                gauge("http_client_request_concurrency", tags, "Requests in flight"));
    }

    private AtomicLong gauge(String name, Tags tags, String description) {
        return inFlight.computeIfAbsent(new GaugeKey(name, tags), k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).description(description).tags(tags).register(registry);
            return value;
        });
    }
}
