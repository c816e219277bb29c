package org.wubloader.restreamer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.wubloader.common.process.ServiceRuntime;
import org.wubloader.restreamer.Restreamer;

/** A real restreamer on 127.0.0.1 (a free port) over a test's base directory, with an HTTP client. */
public final class TestServer implements AutoCloseable {
    private final ServiceRuntime runtime;
    private final Restreamer restreamer;
    private final int port;
    private final HttpClient http;

    private TestServer(Path baseDir) {
        this(baseDir, Restreamer.Settings.defaults());
    }

    private TestServer(Path baseDir, Restreamer.Settings settings) {
        this.runtime = ServiceRuntime.embedded("restreamer", baseDir);
        this.restreamer = new Restreamer(runtime.vertx(), runtime.registry(), baseDir, settings);
        try {
            this.port = restreamer.listen("127.0.0.1", 0, 2).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("could not start the restreamer", e);
        }
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static TestServer start(Path baseDir) {
        return new TestServer(baseDir);
    }

    /** With editor settings (heavy-job limit, template source). */
    public static TestServer start(Path baseDir, Restreamer.Settings settings) {
        return new TestServer(baseDir, settings);
    }

    /** A request with a body. */
    public HttpResponse<byte[]> post(String pathAndQuery, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(pathAndQuery)))
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .get(120, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("POST " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Prometheus text of this server's registry. */
    public String metrics() {
        return runtime.registry().scrape();
    }

    public int port() {
        return port;
    }

    public Restreamer restreamer() {
        return restreamer;
    }

    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port + pathAndQuery;
    }

    public HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
        return send("GET", pathAndQuery, headers);
    }

    public HttpResponse<String> getText(String pathAndQuery, String... headers) {
        HttpResponse<byte[]> r = get(pathAndQuery, headers);
        return new TextResponse(r);
    }

    public HttpResponse<byte[]> send(String method, String pathAndQuery, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(pathAndQuery)))
                .timeout(Duration.ofSeconds(120))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            // The request timeout covers only the headers; bound the body too.
            return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
                    .get(120, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code target} verbatim in the request line (no client-side normalisation or
     * encoding) and returns the status line, headers and body as text.
     */
    public String raw(String method, String target) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status code of a raw response. */
    public static int status(String rawResponse) {
        String[] first = rawResponse.split("\r\n", 2)[0].split(" ");
        return Integer.parseInt(first[1]);
    }

    @Override
    public void close() {
        if (restreamer != null) {
            restreamer.close();
        }
        runtime.close();
    }

    private static final class TextResponse implements HttpResponse<String> {
        private final HttpResponse<byte[]> r;

        TextResponse(HttpResponse<byte[]> r) {
            this.r = r;
        }

        @Override
        public int statusCode() {
            return r.statusCode();
        }

        @Override
        public HttpRequest request() {
            return r.request();
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return r.headers();
        }

        @Override
        public String body() {
            return new String(r.body(), StandardCharsets.UTF_8);
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return r.sslSession();
        }

        @Override
        public URI uri() {
            return r.uri();
        }

        @Override
        public HttpClient.Version version() {
            return r.version();
        }
    }
}
