package org.wubloader.backfiller.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.http.BodyToSegment;
import org.wubloader.common.segment.SegmentHash;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.storage.SegmentFileWriter;
import org.wubloader.common.testing.SegmentTree;

class DirectReadsTest {
    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    /** As the peer client: one chunk per socket read, read into direct buffers, none copied on arrival. */
    private HttpClient peerLikeClient() {
        return vertx.httpClientBuilder()
                .with(new HttpClientOptions().setMaxChunkSize(PeerClient.MAX_CHUNK_BYTES))
                .withConnectHandler(DirectReads::onConnect)
                .build();
    }

    @Test
    void bodyChunksArriveOffHeapAndAreFreedOnceOnDisk(@TempDir Path base) throws Exception {
        byte[] data = body(11);
        HttpServer server = serving(data);
        HttpClient client = peerLikeClient();
        List<ByteBuf> seen = new CopyOnWriteArrayList<>();

        Path published = download(client, server, base, "2019-11-13T02:00:00", seen);

        assertThat(Files.readAllBytes(published)).isEqualTo(data);
        assertThat(published.getFileName().toString()).contains(SegmentHash.of(data));
        assertThat(seen).isNotEmpty();
        assertThat(seen).as("chunks read straight into direct buffers").allMatch(ByteBuf::isDirect);
        assertThat(seen).as("each chunk released once written").allMatch(b -> b.refCnt() == 0);
    }

    @Test
    void readBuffersAreReusedAndTheirNumberStaysBounded(@TempDir Path base) throws Exception {
        byte[] data = body(12);
        HttpServer server = serving(data);
        HttpClient client = peerLikeClient();
        List<ByteBuf> seen = new CopyOnWriteArrayList<>();

        for (int i = 0; i < 5; i++) {
            Path published = download(client, server, base, "2019-11-13T02:00:0" + (2 * i), seen);
            // A reused buffer holds the previous body's bytes until overwritten: every body must
            // still be exactly its own bytes.
            assertThat(SegmentHash.of(Files.readAllBytes(published)))
                    .as("body " + i)
                    .isEqualTo(SegmentHash.of(data));
        }

        assertThat(seen).allMatch(b -> b.refCnt() == 0);
        assertThat(DirectReads.kept())
                .as("released read buffers wait for reuse, at most KEPT of them")
                .isPositive()
                .isLessThanOrEqualTo(DirectReads.KEPT);
    }

    private static byte[] body(long seed) {
        byte[] data = new byte[2 * 1024 * 1024 + 17];
        new Random(seed).nextBytes(data);
        return data;
    }

    private HttpServer serving(byte[] data) throws Exception {
        return vertx.createHttpServer()
                .requestHandler(req -> req.response().end(Buffer.buffer(data)))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
    }

    private Path download(HttpClient client, HttpServer server, Path base, String start, List<ByteBuf> seen)
            throws Exception {
        SegmentFileWriter writer = SegmentFileWriter.open(base.resolve("c/q"), SegmentTree.at(start), 2.0);
        // On a context, as HttpGet runs it: the body's handler must be set in the same event-loop
        // turn as the response arrives, or its first chunks go by unseen (from the test's own
        // thread that happened, and the file lacked its first bytes).
        Promise<Long> copied = Promise.promise();
        vertx.getOrCreateContext()
                .runOnContext(v -> client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
                        .compose(req -> req.send())
                        .compose(response -> BodyToSegment.copy(vertx, watching(response, seen), writer))
                        .onComplete(copied));
        long written = copied.future().await(30, TimeUnit.SECONDS);
        assertThat(written).isEqualTo(writer.bytesWritten());
        return writer.finish(SegmentType.FULL);
    }

    /** The body, noting the Netty buffer behind each chunk. */
    private static ReadStream<Buffer> watching(ReadStream<Buffer> body, List<ByteBuf> seen) {
        return new ReadStream<>() {
            @Override
            public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
                body.exceptionHandler(handler);
                return this;
            }

            @Override
            public ReadStream<Buffer> handler(Handler<Buffer> handler) {
                body.handler(chunk -> {
                    seen.add(((BufferInternal) chunk).getByteBuf().unwrap());
                    handler.handle(chunk);
                });
                return this;
            }

            @Override
            public ReadStream<Buffer> pause() {
                body.pause();
                return this;
            }

            @Override
            public ReadStream<Buffer> resume() {
                body.resume();
                return this;
            }

            @Override
            public ReadStream<Buffer> fetch(long amount) {
                body.fetch(amount);
                return this;
            }

            @Override
            public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
                body.endHandler(endHandler);
                return this;
            }
        };
    }
}
