package org.wubloader.restreamer.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.wubloader.common.process.ServiceRuntime;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.restreamer.Restreamer;
import org.wubloader.restreamer.RestreamerCommand;
import org.wubloader.restreamer.testing.TestServer;
import picocli.CommandLine;

/** What the original's operators rely on: bounded metrics, an access log, log fields, no WARN at start. */
class OperatorsHttpTest {
    @TempDir
    Path root;

    private Path base;
    private final ListAppender<ILoggingEvent> access = new ListAppender<>();
    private final Logger accessLogger = (Logger) LoggerFactory.getLogger("org.wubloader.restreamer.access");

    @BeforeEach
    void setUp() throws Exception {
        base = Files.createDirectories(root.resolve("base"));
        new SegmentTree(base).full("desertbus", "source", SegmentTree.at("2019-11-13T02:00:00"), 2.0);
        access.start();
        accessLogger.addAppender(access);
    }

    @AfterEach
    void tearDown() {
        accessLogger.detachAppender(access);
    }

    private static long seriesOutsideJvm(String scrape) {
        return scrape.lines()
                .filter(l -> !l.startsWith("#") && !l.startsWith("jvm_"))
                .count();
    }

    @Test
    void twoThousandRandomMethodsDoNotGrowTheMetrics() throws Exception {
        try (TestServer server = TestServer.start(base)) {
            server.restreamer().accessLog(false);
            // every series the loop may touch exists once: the endpoint with method other, and /metrics
            server.send("FIRSTODD", "/files/desertbus");
            server.getText("/metrics");
            String before = server.getText("/metrics").body();
            Random random = new Random(11);
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 2000; i++) {
                StringBuilder method = new StringBuilder();
                for (int j = 0; j < 8; j++) {
                    method.append((char) ('A' + random.nextInt(26)));
                }
                HttpResponse<Void> r = client.send(
                        HttpRequest.newBuilder(URI.create(server.url("/files/desertbus")))
                                .method(method.toString(), HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(r.statusCode()).isEqualTo(405);
            }
            String after = server.getText("/metrics").body();
            assertThat(seriesOutsideJvm(after)).isEqualTo(seriesOutsideJvm(before));
            assertThat(after.length()).isLessThan(before.length() + 10_000);
            assertThat(after)
                    .contains(
                            "http_request_latency_all_count{endpoint=\"list_qualities\",method=\"other\",status=\"405\"} 2001");
        }
    }

    @Test
    void perEndpointLatencyHistogramsAsTheOriginal() {
        try (TestServer server = TestServer.start(base)) {
            server.get("/files/desertbus");
            assertThat(server.getText("/metrics").body())
                    .contains("# TYPE http_request_latency_list_qualities histogram")
                    .contains("http_request_latency_list_qualities_count{method=\"GET\",status=\"200\"} 1")
                    // a loopback listing takes milliseconds: counted well below a second
                    .contains("http_request_latency_list_qualities_bucket{method=\"GET\",status=\"200\",le=\"0.5\"} 1");
        }
    }

    @Test
    void bestSegmentLookupsAreTimedAsTheOriginalsGetBestSegments() {
        try (TestServer server = TestServer.start(base)) {
            assertThat(server.get("/playlist/desertbus/source.m3u8").statusCode())
                    .isEqualTo(200);
            server.get("/playlist/nochannel/source.m3u8");
            String scrape = server.getText("/metrics").body();
            String labels = "error=\"\",has_holes=\"(True|False)\",hours_path=\""
                    + java.util.regex.Pattern.quote(
                            base.resolve("desertbus/source").toString()) + "\"";
            assertThat(scrape)
                    .containsPattern("get_best_segments_latency_count\\{" + labels + "} 1")
                    .containsPattern("get_best_segments_latency_normalized_count\\{" + labels + "} 1")
                    .containsPattern("get_best_segments_cputime_count\\{" + labels + ",type=\"user\"} 1")
                    .containsPattern("get_best_segments_cputime_count\\{" + labels + ",type=\"system\"} 1")
                    .containsPattern("get_best_segments_latency_bucket\\{" + labels + ",le=\"1.0E-9\"}")
                    // a client's made-up channel is no label
                    .doesNotContain("nochannel");
        }
    }

    @Test
    void aCleanStartWithOneServerPerEventLoopLogsNoWarning() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ServiceRuntime runtime = ServiceRuntime.embedded("restreamer", base);
        try (Restreamer restreamer = new Restreamer(runtime.vertx(), runtime.registry(), base)) {
            restreamer.listen("127.0.0.1", port, 2).await(30, TimeUnit.SECONDS);
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 4; i++) {
                client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/files"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            assertThat(runtime.registry().scrape())
                    .doesNotContain("level=\"WARN\"")
                    .doesNotContain("level=\"ERROR\"");
        } finally {
            runtime.close();
        }
    }

    @Test
    void everyRequestGetsOneAccessLineIncludingErrors() {
        try (TestServer server = TestServer.start(base)) {
            server.get("/files/desertbus");
            server.get("/segments/desertbus/source/nope.ts");
            server.send("DELETE", "/files");
            server.get("/cut/desertbus/source.ts?type=rough&start=bad");
            List<String> lines =
                    access.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0)).matches("127\\.0\\.0\\.1 \"GET /files/desertbus\" 200 \\d+ [0-9.]+ms");
            assertThat(lines.get(1))
                    .matches("127\\.0\\.0\\.1 \"GET /segments/desertbus/source/nope.ts\" 404 \\d+ [0-9.]+ms");
            assertThat(lines.get(2)).startsWith("127.0.0.1 \"DELETE /files\" 405 ");
            assertThat(lines.get(3)).startsWith("127.0.0.1 \"GET /cut/desertbus/source.ts?type=rough&start=bad\" 400 ");
        }
    }

    @Test
    void theAccessLogCanBeSwitchedOff() {
        try (TestServer server = TestServer.start(base)) {
            server.restreamer().accessLog(false);
            server.get("/files/desertbus");
            server.get("/nope");
            assertThat(access.list).isEmpty();
        }
    }

    @Test
    void theAccessLogOptionAndTheOriginalsConnectionStringAreAccepted() {
        RestreamerCommand command = new RestreamerCommand();
        new CommandLine(command).parseArgs("--connection-string", "dbname=wubloader host=db", "--access-log", "false");
        RestreamerCommand defaults = new RestreamerCommand();
        new CommandLine(defaults).parseArgs();
        assertThat(new CommandLine(new RestreamerCommand()).getUsageMessage())
                .contains("--connection-string")
                .contains("--access-log");
    }

    @Test
    void jsonLogLinesCarryRequestIdChannelQualityAndHourAsFields() throws Exception {
        try (TestServer server = TestServer.start(base)) {
            server.get("/files/desertbus/source/2019-11-13T02?tombstones=false", "X-Request-Id", "abc-123");
            server.get("/playlist/desertbus/source.m3u8");
        }
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(accessLogger.getLoggerContext());
        encoder.start();
        ObjectMapper json = new ObjectMapper();
        JsonNode listing = json.readTree(encoder.encode(access.list.get(0)));
        assertThat(listing.get("request_id").asText()).isEqualTo("abc-123");
        assertThat(listing.get("channel").asText()).isEqualTo("desertbus");
        assertThat(listing.get("quality").asText()).isEqualTo("source");
        assertThat(listing.get("hour").asText()).isEqualTo("2019-11-13T02");
        JsonNode playlist = json.readTree(encoder.encode(access.list.get(1)));
        assertThat(playlist.get("request_id").asText()).isNotBlank().isNotEqualTo("abc-123");
        assertThat(playlist.get("channel").asText()).isEqualTo("desertbus");
        assertThat(playlist.get("quality").asText()).isEqualTo("source");
        assertThat(playlist.has("hour")).isFalse();
        System.out.println("JSON access line: " + new String(encoder.encode(access.list.get(0))).strip());
    }
}
