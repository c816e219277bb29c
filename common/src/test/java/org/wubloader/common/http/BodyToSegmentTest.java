package org.wubloader.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.SegmentHash;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.storage.SegmentFileWriter;
import org.wubloader.common.testing.SegmentTree;

class BodyToSegmentTest {
    static final long START = SegmentTree.at("2019-11-13T02:00:00");
    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    Future<HttpClientResponse> get(int port) {
        HttpClient client = vertx.createHttpClient();
        return client.request(HttpMethod.GET, port, "127.0.0.1", "/").compose(req -> req.send());
    }

    @Test
    void aStreamedBodyLandsWholeAndHashesToItsName(@TempDir Path base) throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 5];
        new Random(7).nextBytes(data);
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req -> {
                    req.response().setChunked(true);
                    for (int at = 0; at < data.length; at += 10_000) {
                        req.response().write(Buffer.buffer().appendBytes(data, at, Math.min(10_000, data.length - at)));
                    }
                    req.response().end();
                })
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);

        SegmentFileWriter writer = SegmentFileWriter.open(base.resolve("c/q"), START, 2.0);
        long written = get(server.actualPort())
                .compose(response -> BodyToSegment.copy(vertx, response, writer))
                .await(30, TimeUnit.SECONDS);
        assertThat(written).isEqualTo(data.length);
        Path published = writer.finish(SegmentType.FULL);
        assertThat(published.getFileName().toString()).contains(SegmentHash.of(data));
        assertThat(Files.readAllBytes(published)).isEqualTo(data);
    }

    @Test
    void aTruncatedBodyFailsOnlyAfterEveryReceivedByteIsWritten(@TempDir Path base) throws Exception {
        NetServer server = vertx.createNetServer()
                .connectHandler(socket -> socket.handler(request -> {
                    socket.write("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n");
                    socket.write(Buffer.buffer(new byte[400_000]));
                    socket.close();
                }))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);

        SegmentFileWriter writer = SegmentFileWriter.open(base.resolve("c/q"), START, 2.0);
        Future<Long> copy = get(server.actualPort()).compose(response -> BodyToSegment.copy(vertx, response, writer));
        try {
            copy.await(30, TimeUnit.SECONDS);
        } catch (Exception expected) {
            // the connection closed before Content-Length bytes arrived
        }
        assertThat(copy.failed()).isTrue();
        assertThat(writer.bytesWritten())
                .as("every byte received is on disk before the failure is reported")
                .isEqualTo(400_000);
        writer.abort();
        try (Stream<Path> files = Files.walk(base)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }
}
