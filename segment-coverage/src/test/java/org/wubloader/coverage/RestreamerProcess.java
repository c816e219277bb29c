package org.wubloader.coverage;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.wubloader.restreamer.RestreamerMain;

/** A real restreamer process serving {@code baseDir} on a free loopback port. */
final class RestreamerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private RestreamerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RestreamerProcess start(Path baseDir, Path log) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        RestreamerMain.class.getName(),
                        "--base-dir",
                        baseDir.toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port),
                        "--prewarm-hours",
                        "0",
                        "--event-loops",
                        "1"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        RestreamerProcess restreamer = new RestreamerProcess(process, port);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create(restreamer.url() + "/healthz"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> process.isAlive()
                            && http.send(health, HttpResponse.BodyHandlers.discarding())
                                            .statusCode()
                                    == 200);
        } catch (RuntimeException e) {
            restreamer.close();
            throw e;
        }
        return restreamer;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
