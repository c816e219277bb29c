package org.wubloader.restreamer.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wubloader.restreamer.testing.RawClient;

/** A shared body's memory while its client reads nothing, over a real loopback connection. */
class SharedBodyTest {
    private static final int CHUNK = 256 * 1024;
    private static final int CHUNKS = 128; // 32 MiB, far more than the kernel's socket buffers take

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    /** A producer as the playlist service runs one: append while there is room, park, resume. */
    private static Thread produce(SharedBody body, AtomicInteger appended, AtomicBoolean parked) {
        Thread t = new Thread(() -> {
            Semaphore resumed = new Semaphore(0);
            byte[] chunk = new byte[CHUNK];
            try {
                body.ready("application/octet-stream");
                for (int i = 0; i < CHUNKS; i++) {
                    Arrays.fill(chunk, (byte) i); // the body must hold a copy, not this buffer
                    body.append(chunk, CHUNK);
                    appended.incrementAndGet();
                    if (body.park(resumed::release)) {
                        parked.set(true);
                        if (!resumed.tryAcquire(60, TimeUnit.SECONDS)) {
                            return;
                        }
                        parked.set(false);
                    }
                }
                body.complete();
            } catch (SharedBody.Cancelled | InterruptedException e) {
                // the client left
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aBodyBeyondItsRetentionHoldsABoundedWindowWhileItsClientReadsNothing() throws Exception {
        SharedBody.Retention retention = new SharedBody.Retention(0);
        SharedBody body = new SharedBody(retention);
        AtomicInteger appended = new AtomicInteger();
        AtomicBoolean parked = new AtomicBoolean();
        AtomicReference<Thread> producer = new AtomicReference<>();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> {
                    body.subscribe(vertx.getOrCreateContext(), request.response());
                    producer.set(produce(body, appended, parked));
                })
                .listen(0, "127.0.0.1")
                .await();
        try (RawClient client = RawClient.get(server.actualPort(), "/")) {
            // The kernel's buffers take a few MB first; then the producer stays parked: parked, and
            // no chunk appended since the previous poll, 500 ms earlier.
            AtomicInteger atLastPoll = new AtomicInteger(-1);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        int now = appended.get();
                        return parked.get() && atLastPoll.getAndSet(now) == now;
                    });
            assertThat(appended.get()).isLessThan(CHUNKS / 2);
            // Held for the client: the window and one chunk; in Netty's queue: the write queue and one chunk.
            assertThat(body.heldBytes()).isLessThanOrEqualTo(SharedBody.WINDOW_BYTES + CHUNK);
            assertThat(retention.buffered().get())
                    .isLessThanOrEqualTo(SharedBody.WINDOW_BYTES + SharedBody.WRITE_QUEUE_BYTES + 2L * CHUNK);
            assertThat(retention.retained().get()).isZero();

            RawClient.Response response = client.readAll();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).hasSize(CHUNKS * CHUNK);
            for (int i = 0; i < CHUNKS; i++) {
                assertThat(response.body()[i * CHUNK]).isEqualTo((byte) i);
                assertThat(response.body()[i * CHUNK + CHUNK - 1]).isEqualTo((byte) i);
            }
        }
        producer.get().join(10_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> retention.buffered().get() == 0);
        assertThat(body.heldBytes()).isZero();
    }

    @Test
    void aBodyWithinItsRetentionIsReplayedWholeToARequestThatJoinsLate() throws Exception {
        SharedBody.Retention retention = new SharedBody.Retention(64L * 1024 * 1024);
        SharedBody body = new SharedBody(retention);
        AtomicInteger appended = new AtomicInteger();
        AtomicBoolean parked = new AtomicBoolean();
        AtomicReference<Thread> producer = new AtomicReference<>();
        AtomicInteger joined = new AtomicInteger();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> {
                    if (body.subscribe(vertx.getOrCreateContext(), request.response())) {
                        if (joined.incrementAndGet() == 1) {
                            producer.set(produce(body, appended, parked));
                        }
                    } else {
                        request.response().setStatusCode(410).end();
                    }
                })
                .listen(0, "127.0.0.1")
                .await();
        try (RawClient first = RawClient.get(server.actualPort(), "/")) {
            await().atMost(Duration.ofSeconds(30)).until(parked::get);
            try (RawClient late = RawClient.get(server.actualPort(), "/")) {
                RawClient.Response a = first.readAll();
                RawClient.Response b = late.readAll();
                assertThat(a.status()).isEqualTo(200);
                assertThat(b.status()).isEqualTo(200);
                assertThat(b.body()).hasSize(CHUNKS * CHUNK).isEqualTo(a.body());
            }
        }
        producer.get().join(10_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> retention.buffered().get() == 0);
        assertThat(retention.retained().get()).isZero();
    }
}
