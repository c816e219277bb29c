package org.wubloader.common.http;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpClientResponse;
import java.net.URI;
import org.wubloader.common.process.HttpMetrics;

/**
 * The HTTP client metrics of the original (its downloader's and backfiller's "Metrics"):
 * {@code http_client_request_latency} and {@code _concurrency} from {@link HttpMetrics}, plus
 * {@code http_client_response_size} (the Content-Length of each response). Every service's GETs
 * record them through {@link HttpGet} (and the downloader's small fetches).
 */
public final class ClientMetrics {
    /** Prometheus client's default buckets are for seconds; sizes need their own. */
    private static final double[] SIZE_BUCKETS = {
        1 << 10, 1 << 14, 1 << 18, 1 << 19, 1 << 20, 1 << 21, 1 << 22, 1 << 24, 1 << 30
    };

    private final HttpMetrics http;
    private final MeterRegistry registry;

    public ClientMetrics(MeterRegistry registry) {
        this(registry, new HttpMetrics(registry));
    }

    /** Shares {@code http}'s gauges: one {@link HttpMetrics} per registry, or concurrency gauges go stale. */
    public ClientMetrics(MeterRegistry registry, HttpMetrics http) {
        this.registry = registry;
        this.http = http;
    }

    /** Starts measuring one request; {@code name} is one of docs/downloader.md §6's names (get_segment…). */
    public Request start(String name, String method, URI uri) {
        return start(name, method, uri.getHost() == null ? "" : uri.getHost());
    }

    /** Starts measuring one request to {@code domain} (the label: a host, or a peer's name). */
    public Request start(String name, String method, String domain) {
        return new Request(name, method, domain, http.client(name, method, domain));
    }

    /** One request; {@link #headers} or {@link #error} ends it (once). */
    public final class Request {
        private final String name;
        private final String method;
        private final String domain;
        private final HttpMetrics.Request latency;

        private Request(String name, String method, String domain, HttpMetrics.Request latency) {
            this.name = name;
            this.method = method;
            this.domain = domain;
            this.latency = latency;
        }

        public void headers(HttpClientResponse response) {
            String status = Integer.toString(response.statusCode());
            latency.done(status);
            String length = response.getHeader("Content-Length");
            if (length != null) {
                try {
                    DistributionSummary.builder("http_client_response_size")
                            .description("Content-Length of HTTP client responses, in bytes")
                            .serviceLevelObjectives(SIZE_BUCKETS)
                            .tags("name", name, "method", method, "domain", domain, "status", status)
                            .register(registry)
                            .record(Long.parseLong(length.strip()));
                } catch (NumberFormatException ignored) {
                    // A malformed Content-Length is the server's problem, not a metric.
                }
            }
        }

        public void error() {
            latency.done("error");
        }
    }
}
