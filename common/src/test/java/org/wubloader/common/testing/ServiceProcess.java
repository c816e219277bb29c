package org.wubloader.common.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service's main run as a child JVM with the test class path, as an operator runs it: its
 * stderr goes to a file, its HTTP port is polled until it answers, and it is stopped with
 * SIGTERM (or killed, if it does not stop).
 */
public final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final Path stderr;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceProcess(Process process, Path stderr, int port) {
        this.process = process;
        this.stderr = stderr;
        this.port = port;
    }

    /** A free loopback port, for a service that needs a fixed one (several servers on it). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts {@code mainClass} with {@code args} and waits until {@code http://127.0.0.1:PORT/healthz}
     * (or, if it has none, {@code /metrics}) answers.
     */
    public static ServiceProcess start(Path logDir, int port, String mainClass, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(
                List.of(java, "-Djava.io.tmpdir=" + logDir, "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(logDir, "service-", ".stderr");
        Process process = new ProcessBuilder(command)
                .redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        ServiceProcess service = new ServiceProcess(process, err, port);
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    mainClass + " exited with " + process.exitValue() + ": " + service.stderr());
                        }
                        return service.statusOf("/metrics") == 200;
                    });
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    private int statusOf(String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url(path)))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** GETs {@code path}; fails unless the answer is 200. */
    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url(path)))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** Everything the service wrote to stderr so far. */
    public String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    /** SIGTERM, then the exit status (the process is killed if it takes over 25 s). */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(25, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
