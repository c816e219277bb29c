package org.wubloader.downloader.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.time.Micros;
import org.wubloader.downloader.ChannelSpec;
import org.wubloader.downloader.ProviderFactory;
import org.wubloader.downloader.provider.TwitchEndpoints;
import org.wubloader.downloader.stream.ChannelStatus;

/** The twitch provider against a fake GQL and usher (Twitch itself is unreachable here). */
class TwitchProviderTest extends OriginTestBase {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path base;

    private final Map<String, Object> seen = new ConcurrentHashMap<>();
    private final AtomicInteger usherCalls = new AtomicInteger();

    @BeforeEach
    void startFakeTwitch() throws Exception {
        origin.route(
                "/gql",
                req -> req.body().onSuccess(body -> {
                    seen.put("gql-headers", MultiMap.caseInsensitiveMultiMap().addAll(req.headers()));
                    seen.put("gql-body", body.toString());
                    req.response()
                            .putHeader("Content-Type", "application/json")
                            .end(
                                    "{\"data\":{\"streamPlaybackAccessToken\":{\"signature\":\"sig123\",\"value\":\"{\\\"channel\\\":\\\"db\\\"}\"}}}");
                }));
    }

    private void startDownloader(List<String> qualities) throws Exception {
        ProviderFactory twitch =
                new ProviderFactory(new TwitchEndpoints(origin.uri("/gql"), origin.uri("/usher/")), "sekrit", "yt-dlp");
        harness = Harness.start(base, List.of(ChannelSpec.parse("db!")), qualities, FaultInjectionTest.FAST, twitch, 0);
    }

    /** Usher answers with a master playlist whose media URLs carry the session number. */
    private void usherServesSessions() {
        origin.route("/usher/db.m3u8", req -> {
            int session = usherCalls.incrementAndGet();
            seen.put("usher-query", MultiMap.caseInsensitiveMultiMap().addAll(req.params()));
            seen.put("usher-headers", MultiMap.caseInsensitiveMultiMap().addAll(req.headers()));
            req.response().end("""
                    #EXTM3U
                    #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="chunked",NAME="1080p60 (source)",AUTOSELECT=YES,DEFAULT=YES
                    #EXT-X-STREAM-INF:BANDWIDTH=6000000,VIDEO="chunked"
                    /tw/s%d/source.m3u8
                    #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="720p60",NAME="720p60",AUTOSELECT=YES,DEFAULT=YES
                    #EXT-X-STREAM-INF:BANDWIDTH=3000000,VIDEO="720p60"
                    /tw/s%d/720p60.m3u8
                    """.formatted(session, session));
        });
    }

    private void serve(String name, int seed) {
        origin.body("/tw/" + name + ".ts", Media.bytes(seed, 500));
    }

    @Test
    void requestsHaveTheWebPlayersShapeAndQualitiesAreFetched() throws Exception {
        usherServesSessions();
        StringBuilder text = Media.header();
        Media.segment(text, 0, "/tw/x0.ts");
        serve("x0", 1);
        origin.route("/tw/s1/source.m3u8", req -> req.response().end(text.toString()));
        origin.route("/tw/s1/720p60.m3u8", req -> req.response().end(text.toString()));
        startDownloader(List.of("source", "720p60"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(harness.segments("db", "source", SegmentType.FULL)).hasSize(1);
            assertThat(harness.segments("db", "720p60", SegmentType.FULL)).hasSize(1);
        });
        MultiMap gqlHeaders = (MultiMap) seen.get("gql-headers");
        assertThat(gqlHeaders.get("Client-ID")).isEqualTo("kimne78kx3ncx6brgo4mv6wki5h1ko");
        assertThat(gqlHeaders.get("Authorization")).isEqualTo("OAuth sekrit");
        JsonNode body = new ObjectMapper().readTree((String) seen.get("gql-body"));
        assertThat(body.path("variables").path("login").asText()).isEqualTo("db");
        MultiMap query = (MultiMap) seen.get("usher-query");
        assertThat(query.get("sig")).isEqualTo("sig123");
        assertThat(query.get("token")).isEqualTo("{\"channel\":\"db\"}");
        assertThat(query.get("supported_codecs")).isEqualTo("av1,h265,h264");
        assertThat(query.get("allow_source")).isEqualTo("true");
        assertThat(query.get("player")).isEqualTo("twitchweb");
        assertThat(Integer.parseInt(query.get("p"))).isBetween(0, 999_999);
        MultiMap usherHeaders = (MultiMap) seen.get("usher-headers");
        assertThat(usherHeaders.get("referer")).isEqualTo("https://player.twitch.tv");
        assertThat(usherHeaders.get("origin")).isEqualTo("https://player.twitch.tv");
    }

    @Test
    void anOfflineStreamIsPolledUntilItComesUp() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        StringBuilder text = Media.header();
        Media.segment(text, 0, "/tw/x0.ts");
        serve("x0", 1);
        origin.route("/usher/db.m3u8", req -> {
            if (calls.incrementAndGet() <= 2) {
                req.response().setStatusCode(404).end("[]");
            } else {
                req.response()
                        .end(Media.master("/tw/up.m3u8")
                                .replace(
                                        "#EXT-X-STREAM-INF",
                                        "#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"s\",NAME=\"1080p (source)\"\n#EXT-X-STREAM-INF")
                                .replace("BANDWIDTH=1000000", "BANDWIDTH=1000000,VIDEO=\"s\""));
            }
        });
        origin.route("/tw/up.m3u8", req -> req.response().end(text.toString()));
        startDownloader(List.of("source"));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(harness.segments("db", "source", SegmentType.FULL))
                        .hasSize(1));
        assertThat(calls.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aTimeJumpMakesLaterSegmentsSuspectAndStartsANewWorker() throws Exception {
        usherServesSessions();
        // Session 1 jumps by 0.4 s at c2; session 2 (a fresh connection) is consistent.
        StringBuilder first = Media.header();
        Media.segment(first, 0, "/tw/c0.ts");
        Media.segment(first, 2, "/tw/c1.ts");
        Media.segment(first, 4.4, "/tw/c2.ts");
        Media.segment(first, 6.4, "/tw/c3.ts");
        StringBuilder second = Media.header();
        Media.segment(second, 4.4, "/tw/d2.ts");
        Media.segment(second, 6.4, "/tw/d3.ts");
        Media.segment(second, 8.4, "/tw/d4.ts");
        for (String name : List.of("c0", "c1", "c2", "c3", "d2", "d3", "d4")) {
            serve(name, name.hashCode());
        }
        origin.route("/tw/s1/source.m3u8", req -> req.response().end(first.toString()));
        origin.route("/tw/s2/source.m3u8", req -> req.response().end(second.toString()));
        origin.route("/tw/s3/source.m3u8", req -> req.response().end(second.toString()));
        startDownloader(List.of("source"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(harness.segments("db", "source", SegmentType.SUSPECT)).hasSize(2);
            assertThat(harness.segments("db", "source", SegmentType.FULL)).hasSize(5);
        });
        List<Long> suspectStarts = harness.segments("db", "source", SegmentType.SUSPECT).stream()
                .map(Segment::startMicros)
                .sorted()
                .toList();
        long t0 = Micros.of(Media.T0);
        assertThat(suspectStarts).containsExactly(t0 + 4_400_000, t0 + 6_400_000);
        assertThat(harness.counter("suspicious_skew_count", "channel", "db")).isEqualTo(1.0);
        assertThat(origin.requests("/tw/s2/source.m3u8")).isPositive();
        // The flagged worker stands down once the new one sees content.
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.workers()).hasSize(1));
        assertThat(harness.workers()).noneMatch(ChannelStatus.Worker::suspect);
        assertThat(harness.hasMeter("segment_time_skew_non_zero_sum", "worker", "1"))
                .isFalse();
    }
}
