package org.wubloader.downloader.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The fault-injection origin's own counting, which FaultInjectionTest's assertions rest on. */
class TestOriginTest extends OriginTestBase {
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aRequestLeftOpenWhileAnotherIsServedCountsAsTwoInFlight() throws Exception {
        AtomicInteger n = new AtomicInteger();
        origin.route("/p", req -> {
            if (n.incrementAndGet() > 1) {
                req.response().end("ok");
            } // the first is held open
        });
        CompletableFuture<HttpResponse<String>> held = client.sendAsync(get(), HttpResponse.BodyHandlers.ofString());
        awaitRequests(1);
        assertThat(client.send(get(), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("ok");
        assertThat(origin.peakConcurrency("/p")).isEqualTo(2);
        held.cancel(true);
    }

    @Test
    void requestsOneAfterAnotherCountAsOneInFlight() throws Exception {
        origin.route("/p", req -> req.response().end("ok"));
        for (int i = 0; i < 3; i++) {
            assertThat(client.send(get(), HttpResponse.BodyHandlers.ofString()).body())
                    .isEqualTo("ok");
        }
        assertThat(origin.requests("/p")).isEqualTo(3);
        assertThat(origin.peakConcurrency("/p")).isEqualTo(1);
    }

    private HttpRequest get() {
        return HttpRequest.newBuilder(origin.uri("/p"))
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    private void awaitRequests(int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> origin.requests("/p") == count);
    }
}
