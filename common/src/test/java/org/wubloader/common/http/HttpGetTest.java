package org.wubloader.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared GET: each bound ends the exchange with the right kind, and metrics are recorded. */
class HttpGetTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    private final Vertx vertx = Vertx.vertx();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ClientMetrics metrics = new ClientMetrics(registry);
    private HttpServer server;
    private HttpClient client;

    @AfterEach
    void close() {
        vertx.close().await();
    }

    private void serve(Handler<HttpServerRequest> handler) throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(handler)
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        client = vertx.createHttpClient();
    }

    private final io.vertx.core.Context context = vertx.getOrCreateContext();

    private HttpGet newGet(GetLimits limits) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost("127.0.0.1")
                .setPort(server.actualPort())
                .setURI("/x");
        return new HttpGet(
                new HttpGet.Target(context, client, options, "test /x", metrics.start("get_test", "GET", "127.0.0.1")),
                limits);
    }

    private <T> T get(GetLimits limits, Function<HttpGet, Future<T>> how) throws Exception {
        return on(newGet(limits), how);
    }

    private <T> T on(HttpGet get, Function<HttpGet, Future<T>> how) throws Exception {
        io.vertx.core.Promise<T> result = io.vertx.core.Promise.promise();
        context.runOnContext(v -> how.apply(get).onComplete(result));
        return result.future().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static HttpClientException.Kind kindOf(Throwable thrown) {
        Throwable t = thrown instanceof java.util.concurrent.ExecutionException || thrown instanceof CompletionException
                ? thrown.getCause()
                : thrown;
        assertThat(t).isInstanceOf(HttpClientException.class);
        return ((HttpClientException) t).kind();
    }

    @Test
    void aSmallBodyIsCollectedAndItsSizeRecorded() throws Exception {
        serve(req -> req.response().end("hello"));
        Buffer body = get(GetLimits.of(SHORT), HttpGet::collect);
        assertThat(body.toString()).isEqualTo("hello");
        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("http_client_response_size_sum{domain=\"127.0.0.1\",method=\"GET\",name=\"get_test\","
                        + "status=\"200\"} 5.0");
        assertThat(scrape)
                .contains("http_client_request_concurrency{domain=\"127.0.0.1\",method=\"GET\",name=\"get_test\"} 0.0");
    }

    @Test
    void aNon2xxStatusFailsWithItsStatusAndTheStartOfItsBody() throws Exception {
        serve(req -> req.response().setStatusCode(404).end("no such segment"));
        assertThatThrownBy(() -> get(GetLimits.of(SHORT), HttpGet::collect))
                .satisfies(t -> assertThat(kindOf(t)).isEqualTo(HttpClientException.Kind.STATUS))
                .hasMessageContaining("HTTP 404 (no such segment)");
    }

    @Test
    void noHeadersWithinTheHeaderTimeoutIsATimeout() throws Exception {
        serve(req -> {});
        assertThatThrownBy(() -> get(GetLimits.of(SHORT), HttpGet::collect))
                .satisfies(t -> assertThat(kindOf(t)).isEqualTo(HttpClientException.Kind.TIMEOUT))
                .hasMessageContaining("no response within");
    }

    @Test
    void aBodyThatStopsIsAStall() throws Exception {
        serve(req -> req.response().putHeader("Content-Length", "100").write("half"));
        assertThatThrownBy(() -> get(GetLimits.of(SHORT), HttpGet::collect))
                .satisfies(t -> assertThat(kindOf(t)).isEqualTo(HttpClientException.Kind.TIMEOUT))
                .hasMessageContaining("stalled");
    }

    @Test
    void aDripThatNeverStallsEndsAtTheDeadline() throws Exception {
        serve(req -> {
            req.response().putHeader("Content-Length", "1000").write("x");
            vertx.setPeriodic(50, id -> {
                if (req.response().closed()) {
                    vertx.cancelTimer(id);
                } else {
                    req.response().write("x");
                }
            });
        });
        assertThatThrownBy(() -> get(GetLimits.of(SHORT).withDeadline(Duration.ofSeconds(1)), HttpGet::collect))
                .satisfies(t -> assertThat(kindOf(t)).isEqualTo(HttpClientException.Kind.TIMEOUT))
                .hasMessageContaining("not complete within 1000 ms");
    }

    @Test
    void aBodyOverTheMaximumIsTooLargeByLengthOrByBytes() throws Exception {
        serve(req -> {
            if (req.getHeader("X-Chunked") == null) {
                req.response().end(Buffer.buffer(new byte[5000]));
            }
        });
        GetLimits limits = GetLimits.of(SHORT).withMaxBodyBytes(4096);
        assertThatThrownBy(() -> get(limits, HttpGet::collect))
                .satisfies(t -> assertThat(kindOf(t)).isEqualTo(HttpClientException.Kind.TOO_LARGE));
        // Streamed without Content-Length: the count of what arrives trips the same bound.
        assertThatThrownBy(() -> get(
                        limits,
                        g -> g.run(body -> {
                            io.vertx.core.Promise<Void> p = io.vertx.core.Promise.promise();
                            body.handler(b -> {});
                            body.endHandler(v -> p.tryComplete());
                            body.exceptionHandler(p::tryFail);
                            return p.future();
                        })))
                .satisfies(t -> assertThat(kindOf(t)).isEqualTo(HttpClientException.Kind.TOO_LARGE));
    }

    @Test
    void aPauseOfOurOwnIsNotAStall() throws Exception {
        serve(req -> req.response().end(Buffer.buffer(new byte[64 * 1024])));
        long bytes = get(
                GetLimits.of(SHORT),
                g -> g.run(body -> {
                    io.vertx.core.Promise<Long> p = io.vertx.core.Promise.promise();
                    long[] n = {0};
                    body.pause();
                    // Our consumer holds the body three stall timeouts long before reading it.
                    vertx.setTimer(3 * SHORT.toMillis(), id -> body.resume());
                    body.handler(b -> n[0] += b.length());
                    body.endHandler(v -> p.tryComplete(n[0]));
                    body.exceptionHandler(p::tryFail);
                    return p.future();
                }));
        assertThat(bytes).isEqualTo(64 * 1024);
    }

    @Test
    void abortEndsTheExchangeAsAborted() throws Exception {
        serve(req -> req.response().putHeader("Content-Length", "100").write("half"));
        assertThatThrownBy(() -> get(GetLimits.of(Duration.ofSeconds(30)), g -> {
                    vertx.setTimer(100, id -> g.abort("stopping"));
                    return g.collect();
                }))
                .satisfies(t -> assertThat(kindOf(t)).isEqualTo(HttpClientException.Kind.ABORTED))
                .hasMessageContaining("stopping");
    }

    @Test
    void aLateAbortLeavesTheConnectionToTheNextRequest() throws Exception {
        int[] requests = {0};
        serve(req -> {
            int n = ++requests[0];
            vertx.setTimer(n == 1 ? 1 : 300, id -> req.response().end("answer " + n));
        });
        client = vertx.httpClientBuilder()
                .with(new io.vertx.core.http.PoolOptions().setHttp1MaxSize(1))
                .build();
        HttpGet first = newGet(GetLimits.of(Duration.ofSeconds(5)));
        assertThat(on(first, HttpGet::collect).toString()).isEqualTo("answer 1");

        // The pool hands the same connection to the next request; cancelling the finished first
        // one (a shutdown, a caller's hard timeout firing late) must not close it.
        String second = on(newGet(GetLimits.of(Duration.ofSeconds(5))), g -> {
                    Future<Buffer> running = g.collect();
                    vertx.setTimer(100, id -> first.abort("late"));
                    return running;
                })
                .toString();

        assertThat(second).isEqualTo("answer 2");
    }
}
