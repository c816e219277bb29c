package org.wubloader.restreamer.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.testing.TestMedia;
import org.wubloader.restreamer.testing.ChildRestreamer;

/**
 * The restreamer abuse set of the fault campaign (issue 11), against a real restreamer process:
 * symlinks out of the tree, odd percent-encodings, overlong paths, unknown methods, slowloris
 * headers, slow readers, aborted cuts and many idle connections. After each: the service still
 * answers, nothing was a 5xx, no secret leaked, and its file descriptors and ffmpeg children are
 * back to what they were.
 */
class RestreamerAbuseTest {
    private static final String SECRET = "top secret outside the base dir";
    private static final int IDLE_TIMEOUT_SECONDS = 2;
    private static final String RANGE = "start=2019-11-13T02:00:00&end=2019-11-13T02:00:16";

    @TempDir
    static Path root;

    static ChildRestreamer child;
    static int baselineFds;
    static String segmentName;

    @BeforeAll
    static void start() throws IOException {
        Path base = Files.createDirectories(root.resolve("base"));
        SegmentTree tree = new SegmentTree(base);
        List<Path> placed = TestMedia.place(
                tree, "desertbus", "source", SegmentTree.at("2019-11-13T02:00:00"), TestMedia.segments(10));
        segmentName = placed.get(0).getFileName().toString().replace(":", "%3A");
        Path secret = Files.writeString(root.resolve("secret.txt"), SECRET);
        Files.createSymbolicLink(base.resolve("link.txt"), secret);
        Files.createSymbolicLink(base.resolve("desertbus/etclink"), root);
        Files.createSymbolicLink(
                placed.get(0).resolveSibling("02:00:00.000000-2.0-full-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ts"),
                secret);
        child = ChildRestreamer.start(
                base,
                root.resolve("restreamer.log"),
                List.of("-Xmx256m"),
                "--idle-timeout",
                Integer.toString(IDLE_TIMEOUT_SECONDS));
        // Warm up every endpoint once, so lazily opened files (jars, ffmpeg's first run) are in the baseline.
        for (String target : List.of(
                "/files/desertbus/source/2019-11-13T02",
                "/playlist/desertbus.m3u8",
                "/playlist/desertbus/source.m3u8?" + RANGE,
                "/cut/desertbus/source.ts?type=fast&" + RANGE,
                "/segments/desertbus/source/2019-11-13T02/" + segmentName,
                "/metrics")) {
            assertThat(status(request("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")))
                    .isEqualTo(200);
        }
        baselineFds = settledFds();
    }

    @AfterAll
    static void stop() {
        if (child != null) {
            child.close();
        }
    }

    @BeforeEach
    void stillThere() {
        assertThat(child.alive()).as("restreamer process alive").isTrue();
    }

    /** Descriptors once idle connections have timed out. */
    private static int settledFds() {
        int[] last = {-1};
        await().pollDelay(Duration.ofMillis(IDLE_TIMEOUT_SECONDS * 1000L + 500))
                .pollInterval(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(30))
                .until(() -> {
                    int now = child.openFds();
                    boolean stable = now == last[0];
                    last[0] = now;
                    return stable;
                });
        return last[0];
    }

    /** The service answers, its descriptors are back to the baseline and no ffmpeg of its is left. */
    private static void assertRecovered() {
        await().alias("descriptors back to " + baselineFds)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> child.openFds() <= baselineFds + 2
                        && ProcessHandle.of(child.pid())
                                .orElseThrow()
                                .descendants()
                                .findAny()
                                .isEmpty());
        assertThat(status(request("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")))
                .isEqualTo(200);
        assertThat(child.log()).doesNotContain("OutOfMemoryError");
    }

    /** Sends raw bytes, returns everything the server sent back until it closed (bounded). */
    static String request(String raw) {
        try (Socket s = connect()) {
            s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readNBytes(1 << 20), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    static Socket connect() throws IOException {
        Socket s = new Socket();
        s.setSoTimeout(30_000);
        s.connect(new InetSocketAddress("127.0.0.1", child.port()), 5_000);
        return s;
    }

    static int status(String response) {
        if (!response.startsWith("HTTP/1.")) {
            return -1;
        }
        return Integer.parseInt(response.substring(9, 12));
    }

    private static void assertClientError(String target, String response) {
        assertThat(response).as(target).doesNotContain(SECRET);
        int status = status(response);
        // -1: the server closed the connection without an answer, which Vert.x does for lines it cannot parse.
        assertThat(status)
                .as(target + " → " + response.lines().findFirst().orElse("(closed)"))
                .satisfiesAnyOf(
                        s -> assertThat(s).isBetween(400, 499),
                        s -> assertThat(s).isEqualTo(-1));
    }

    private static String get(String target) {
        return request("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    @Test
    void symlinksOutOfTheTreeAreNeverReadListedOrCut() {
        for (String target : List.of(
                "/segments/link.txt",
                "/segments/desertbus/etclink/secret.txt",
                "/files/desertbus/etclink",
                "/playlist/desertbus/etclink.m3u8",
                "/cut/desertbus/etclink.ts?type=rough&" + RANGE,
                "/extras/desertbus/etclink")) {
            assertClientError(target, get(target));
        }
        String cut = get("/cut/desertbus/source.ts?type=rough&" + RANGE);
        assertThat(status(cut)).isEqualTo(200);
        assertThat(cut).doesNotContain(SECRET);
        assertThat(get("/files/desertbus")).doesNotContain("etclink");
        assertThat(get("/playlist/desertbus.m3u8")).doesNotContain("etclink");
        assertThat(get("/files/desertbus/source/2019-11-13T02")).doesNotContain("AAAAAAAA");
        assertRecovered();
    }

    @Test
    void oddPercentEncodingsAreClientErrors() {
        for (String target : List.of(
                "/segments/%",
                "/segments/%zz",
                "/segments/%c0%af",
                "/segments/%c0%ae%c0%ae/secret.txt",
                "/files/%00",
                "/files/%2e",
                "/files/%2e%2e",
                "/playlist/%ff%fe.m3u8",
                "/playlist/desertbus/%.m3u8",
                "/cut/desertbus/%2e%2e.ts",
                "/segments/..%2f..%2fsecret.txt",
                "/segments/desertbus%5c..%5csecret.txt",
                "/segments/%252e%252e/secret.txt",
                "/files/desertbus%2fsource",
                "/segments/%u002e%u002e/secret.txt",
                "/playlist/desertbus/source.m3u8?start=%ff",
                "/cut/desertbus/source.ts?start=%&end=%",
                "/files/desertbus/source/2019-11-13T02?tombstones=%")) {
            assertClientError(target, get(target));
        }
        assertRecovered();
    }

    @Test
    void overlongPathsAndHeadersAreClientErrors() {
        String longPart = "a".repeat(100_000);
        assertClientError("100 kB path", get("/segments/" + longPart));
        assertClientError("2000 parts", get("/segments" + "/a".repeat(2000)));
        assertClientError(
                "200 kB header",
                request("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(200_000)
                        + "\r\nConnection: close\r\n\r\n"));
        assertClientError(
                "3000 headers",
                request("GET /healthz HTTP/1.1\r\nHost: x\r\n" + "X-H: v\r\n".repeat(3000)
                        + "Connection: close\r\n\r\n"));
        assertRecovered();
    }

    @Test
    void unknownMethodsAreRefusedWithoutA500() {
        Random random = new Random(11);
        for (int i = 0; i < 50; i++) {
            StringBuilder method = new StringBuilder();
            for (int j = 0; j < 1 + random.nextInt(12); j++) {
                method.append((char) ('A' + random.nextInt(26)));
            }
            String response = request(method + " /files HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertClientError(method.toString(), response);
        }
        assertRecovered();
    }

    @Test
    void slowlorisHeadersDoNotStopTheServiceAndAreDroppedOnceSilent() throws Exception {
        List<Socket> dribblers = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = connect();
                s.getOutputStream().write("GET /files HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
                dribblers.add(s);
            }
            for (int round = 0; round < 5; round++) {
                for (Socket s : dribblers) {
                    s.getOutputStream().write(("X-" + round + ": y\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                assertThat(status(get("/playlist/desertbus/source.m3u8?" + RANGE)))
                        .isEqualTo(200);
                Thread.sleep(300); // the dribble's pace: a slowloris sends a header line now and then
            }
            // Once they go silent, the idle timeout closes them, though the clients keep them open.
            assertServerClosedThemAll();
        } finally {
            for (Socket s : dribblers) {
                s.close();
            }
        }
        assertRecovered();
    }

    /** With the clients' sockets still open, the server's side is closed: back to the baseline. */
    private static void assertServerClosedThemAll() {
        await().alias("idle connections closed by the server")
                .atMost(Duration.ofSeconds(IDLE_TIMEOUT_SECONDS * 10L))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> child.openFds() <= baselineFds + 2);
    }

    @Test
    void slowAndStalledReadersAreReleased() throws Exception {
        List<Socket> readers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket s = new Socket();
                s.setReceiveBufferSize(4096);
                s.setSoTimeout(30_000);
                s.connect(new InetSocketAddress("127.0.0.1", child.port()), 5_000);
                String target = i % 3 == 0
                        ? "/cut/desertbus/source.ts?type=rough&" + RANGE
                        : i % 3 == 1
                                ? "/segments/desertbus/source/2019-11-13T02/" + segmentName
                                : "/playlist/desertbus/source.m3u8?" + RANGE;
                s.getOutputStream()
                        .write(("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                s.getInputStream().readNBytes(100); // then stop reading
                readers.add(s);
            }
            assertThat(status(get("/healthz"))).isEqualTo(200);
        } finally {
            for (Socket s : readers) {
                s.close();
            }
        }
        assertRecovered();
    }

    @Test
    void abortedCutsKillTheirFfmpegAndReleaseEverything() throws Exception {
        for (String type : List.of("fast", "smart", "mpegts", "rough")) {
            for (int i = 0; i < 3; i++) {
                try (Socket s = connect()) {
                    s.getOutputStream()
                            .write(("GET /cut/desertbus/source.ts?type=" + type + "&" + RANGE
                                            + " HTTP/1.1\r\nHost: x\r\n\r\n")
                                    .getBytes(StandardCharsets.ISO_8859_1));
                    InputStream in = s.getInputStream();
                    assertThat(new String(in.readNBytes(12), StandardCharsets.ISO_8859_1))
                            .isEqualTo("HTTP/1.1 200");
                    in.readNBytes(1000);
                }
            }
        }
        assertRecovered();
    }

    @Test
    void manyIdleConnectionsAreClosedAndTheServiceAnswersMeanwhile() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                idle.add(connect());
            }
            String playlist = get("/playlist/desertbus/source.m3u8?" + RANGE);
            assertThat(status(playlist)).isEqualTo(200);
            assertThat(child.openFds()).isGreaterThanOrEqualTo(baselineFds + 250);
            assertServerClosedThemAll();
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
        assertRecovered();
    }
}
