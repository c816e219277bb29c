package org.wubloader.restreamer.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real restreamer in its own JVM (its own heap limit, file descriptors and RSS to count), on a
 * free loopback port. Stopped by its own PID only.
 */
public final class ChildRestreamer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ChildRestreamer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code wubloader restreamer} on {@code base} with JVM options and extra arguments. */
    public static ChildRestreamer start(Path base, Path log, List<String> jvmOptions, String... args) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "org.wubloader.restreamer.RestreamerMain",
                "--base-dir",
                base.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--event-loops",
                "2",
                "--prewarm-hours",
                "0",
                "--log-level",
                "WARN"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            ChildRestreamer child = new ChildRestreamer(process, port, log);
            try {
                // Up once healthy; a child that died stops the wait at once.
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> child.healthy() || !process.isAlive());
            } catch (ConditionTimeoutException e) {
                // Reported below with the child's log.
            }
            if (!child.healthy()) {
                child.close();
                throw new IllegalStateException("restreamer did not start: " + Files.readString(log));
            }
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET with a timeout; null if it did not answer in time or the connection failed. */
    public HttpResponse<String> get(String pathAndQuery, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(timeout)
                .build();
        try {
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    public boolean healthy() {
        HttpResponse<String> r = get("/healthz", Duration.ofSeconds(2));
        return r != null && r.statusCode() == 200;
    }

    /** Open file descriptors of the child, from {@code /proc/PID/fd}. */
    public int openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resident set size in KiB, from {@code /proc/PID/status}. */
    public long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
