package org.wubloader.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
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
import org.wubloader.common.segment.SegmentHash;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.storage.SegmentFileWriter;
import org.wubloader.common.testing.SegmentTree;

class DirectBodiesTest {
    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void bodyChunksArriveOffHeapAndAreFreedOnceOnDisk(@TempDir Path base) throws Exception {
        byte[] data = new byte[2 * 1024 * 1024 + 17];
        new Random(11).nextBytes(data);
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req -> req.response().end(Buffer.buffer(data)))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        HttpClient client = vertx.httpClientBuilder()
                .withConnectHandler(DirectBodies::onConnect)
                .build();
        List<ByteBuf> seen = new CopyOnWriteArrayList<>();

        SegmentFileWriter writer =
                SegmentFileWriter.open(base.resolve("c/q"), SegmentTree.at("2019-11-13T02:00:00"), 2.0);
        long written = client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
                .compose(req -> req.send())
                .compose(response -> BodyToSegment.copy(vertx, watching(response, seen), writer))
                .await(30, TimeUnit.SECONDS);
        Path published = writer.finish(SegmentType.FULL);

        assertThat(written).isEqualTo(data.length);
        assertThat(Files.readAllBytes(published)).isEqualTo(data);
        assertThat(published.getFileName().toString()).contains(SegmentHash.of(data));
        assertThat(seen).isNotEmpty();
        assertThat(seen).as("chunks read straight into direct buffers").allMatch(ByteBuf::isDirect);
        assertThat(seen).as("each chunk released once written").allMatch(b -> b.refCnt() == 0);
    }

    @Test
    void heapChunksOfAnOrdinaryClientAreLeftAlone() {
        Buffer heap = Buffer.buffer(new byte[] {1, 2, 3});
        DirectBodies.release(heap);
        assertThat(heap.getByte(2)).isEqualTo((byte) 3);
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
                    seen.add(((BufferImpl) chunk).byteBuf());
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
