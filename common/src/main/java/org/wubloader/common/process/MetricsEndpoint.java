package org.wubloader.common.process;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Serves Prometheus text format. Scraping walks every meter, which takes a while once a service
 * exports per-hour gauges, so it runs on a worker thread: the event loop stays free and a scrape
 * is never stuck behind (or in front of) other requests.
 */
public final class MetricsEndpoint {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsEndpoint() {}

    /** Answers one request with the registry's current scrape. */
    public static void respond(Vertx vertx, PrometheusMeterRegistry registry, HttpServerRequest request) {
        vertx.executeBlocking(registry::scrape, false).onComplete(result -> {
            if (result.succeeded()) {
                request.response().putHeader("Content-Type", CONTENT_TYPE).end(result.result());
            } else {
                request.response().setStatusCode(500).end("scrape failed: " + result.cause() + "\n");
            }
        });
    }

    /**
     * A standalone server for services whose only HTTP is metrics: {@code /metrics}, also at
     * {@code /metrics/SERVICE} (the original's Prometheus configuration scrapes every service at
     * that path through nginx), and the health probes {@code /healthz}, {@code /readyz}.
     */
    public static Future<HttpServer> serve(Vertx vertx, PrometheusMeterRegistry registry, String service, int port) {
        String servicePath = "/metrics/" + service;
        // segment-coverage is segment_coverage in the original's names
        String pythonPath = "/metrics/" + service.replace('-', '_');
        return vertx.createHttpServer()
                .requestHandler(request -> {
                    String path = request.path();
                    if (path.equals("/metrics") || path.equals(servicePath) || path.equals(pythonPath)) {
                        respond(vertx, registry, request);
                    } else if (path.equals("/healthz") || path.equals("/readyz")) {
                        request.response().end("ok\n");
                    } else {
                        request.response().setStatusCode(404).end("not found; try /metrics\n");
                    }
                })
                .listen(port);
    }
}
