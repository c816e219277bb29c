package org.wubloader.common.process;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.wubloader.common.metrics.Histograms;

/**
 * The HTTP metrics with the original's names and labels (docs/conventions.md §3.6), so existing dashboards keep
 * working. Latencies are recorded in seconds, exactly ({@link Histograms}).
 *
 * <p>Every label value a client controls is bounded, so {@code /metrics} cannot grow from client
 * input: 2,000 requests with made-up methods once grew it from 298 KB to 6.9 MB. Methods outside
 * the standard set are labelled {@code other} ({@link #method}); endpoints are names from the
 * service's own route table, never a path.
 */
public final class HttpMetrics {
    /** 1 ms … 600 s, as the original's server histogram. */
    static final double[] SERVER_BUCKETS = {
        0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600
    };
    /** Prometheus client's default buckets, as the original's client histogram. */
    static final double[] CLIENT_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};

    /** The methods of RFC 9110 and PATCH; anything else is the method label {@code other}. */
    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private final MeterRegistry registry;
    private final ConcurrentHashMap<GaugeKey, AtomicLong> inFlight = new ConcurrentHashMap<>();
    private final Histogram serverLatency;
    private final Histogram clientLatency;
    private final ConcurrentHashMap<String, Histogram> perEndpoint = new ConcurrentHashMap<>();

    private record GaugeKey(String name, Tags tags) {}

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.serverLatency = Histograms.of(
                registry,
                "http_request_latency_all",
                "Time taken to answer a request, by endpoint, method and status",
                SERVER_BUCKETS,
                "endpoint",
                "method",
                "status");
        this.clientLatency = Histograms.of(
                registry,
                "http_client_request_latency",
                "Time until a response's headers arrived, by request name, method, domain and status",
                CLIENT_BUCKETS,
                "name",
                "method",
                "domain",
                "status");
    }

    /** The {@code method} label of a request method: its standard name, or {@code other}. */
    public static String method(String method) {
        String upper = method == null ? "" : method.toUpperCase(Locale.ROOT);
        return METHODS.contains(upper) ? upper : "other";
    }

    /** One request being measured; call {@link #done} exactly once. */
    public final class Request {
        private final Histogram latency;
        private final String[] labels;
        /** The server's {@code http_request_latency_ENDPOINT{method,status}}, or null. */
        private Histogram perEndpoint;

        private final AtomicLong concurrency;
        private final long startNanos = System.nanoTime();
        private boolean finished;

        /** {@code labels}: the histogram's label values but the last, the status. */
        private Request(Histogram latency, AtomicLong concurrency, String... labels) {
            this.latency = latency;
            this.labels = java.util.Arrays.copyOf(labels, labels.length + 1);
            this.concurrency = concurrency;
            concurrency.incrementAndGet();
        }

        /** Seconds since the request started. */
        public double elapsedSeconds() {
            return (System.nanoTime() - startNanos) / 1e9;
        }

        /** Records the latency under {@code status} ("200", "404", "error"…). */
        public void done(String status) {
            if (finished) {
                return;
            }
            finished = true;
            concurrency.decrementAndGet();
            double seconds = elapsedSeconds();
            labels[labels.length - 1] = status;
            latency.labelValues(labels).observe(seconds);
            if (perEndpoint != null) {
                perEndpoint.labelValues(labels[1], status).observe(seconds);
            }
        }

        public void done(int status) {
            done(Integer.toString(status));
        }
    }

    /**
     * {@code http_request_latency_all{endpoint,method,status}}, the original's per-endpoint
     * {@code http_request_latency_ENDPOINT{method,status}} and {@code http_request_concurrency_all}.
     * {@code endpoint} must come from the service's route table (a fixed set). The original also
     * labels the per-endpoint histogram with the request's path arguments (channel, quality,
     * hour, file name); those are client input, unbounded, so they are left out here.
     */
    public Request server(String endpoint, String method) {
        String label = method(method);
        Tags tags = Tags.of("endpoint", endpoint, "method", label);
        Request request = new Request(
                serverLatency, gauge("http_request_concurrency_all", tags, "Requests being served"), endpoint, label);
        request.perEndpoint = perEndpoint.computeIfAbsent(
                endpoint,
                e -> Histograms.of(
                        registry,
                        "http_request_latency_" + e,
                        "Time taken to answer a request to " + e + ", by method and status",
                        SERVER_BUCKETS,
                        "method",
                        "status"));
        return request;
    }

    /** {@code http_client_request_latency{name,method,domain,status}} and {@code http_client_request_concurrency}. */
    public Request client(String name, String method, String domain) {
        String label = method(method);
        Tags tags = Tags.of("name", name, "method", label, "domain", domain);
        return new Request(
                clientLatency,
                gauge("http_client_request_concurrency", tags, "Requests in flight"),
                name,
                label,
                domain);
    }

    private AtomicLong gauge(String name, Tags tags, String description) {
        return inFlight.computeIfAbsent(new GaugeKey(name, tags), k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get)
                    .description(description)
                    .tags(tags)
                    .register(registry);
            return value;
        });
    }
}
