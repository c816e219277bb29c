package org.wubloader.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The demo's live stream: ffmpeg encodes a test pattern with a tone into 2 s HLS segments (a
 * sliding window of 10, with program dates, as a live origin serves them), and this server
 * hands the files out on 127.0.0.1 only.
 */
final class LiveOrigin implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final ServiceProcess ffmpeg;

    private LiveOrigin(HttpServer server, ExecutorService executor, ServiceProcess ffmpeg) {
        this.server = server;
        this.executor = executor;
        this.ffmpeg = ffmpeg;
    }

    static List<String> ffmpegCommand(Path dir) {
        return List.of(
                "ffmpeg",
                "-hide_banner",
                "-loglevel",
                "error",
                "-nostdin",
                "-re",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=640x360:rate=25",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:sample_rate=48000",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-g",
                "50",
                "-keyint_min",
                "50",
                "-sc_threshold",
                "0",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-b:a",
                "64k",
                "-f",
                "hls",
                "-hls_time",
                "2",
                "-hls_list_size",
                "10",
                "-hls_flags",
                "program_date_time+delete_segments",
                dir.resolve("stream.m3u8").toString());
    }

    static LiveOrigin start(Path dir, int port, Path log) throws IOException {
        Files.createDirectories(dir);
        ServiceProcess ffmpeg = ServiceProcess.start("origin-ffmpeg", ffmpegCommand(dir), log);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            ServiceProcess.stopAll(List.of(ffmpeg), java.time.Duration.ofSeconds(5));
            throw new IOException("cannot listen on 127.0.0.1:" + port + " for the live origin: " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "origin-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(dir, exchange));
        server.start();
        return new LiveOrigin(server, executor, ffmpeg);
    }

    private static void serve(Path dir, HttpExchange exchange) throws IOException {
        try (exchange) {
            String name = exchange.getRequestURI().getPath().substring(1);
            // Only the flat names ffmpeg writes: no directories, no hidden files.
            if (!name.matches("[A-Za-z0-9_-]+\\.(m3u8|ts)")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body;
            try {
                body = Files.readAllBytes(dir.resolve(name));
            } catch (NoSuchFileException e) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders()
                    .set("Content-Type", name.endsWith(".ts") ? "video/MP2T" : "application/vnd.apple.mpegurl");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    ServiceProcess ffmpeg() {
        return ffmpeg;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
