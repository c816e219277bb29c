package org.wubloader.backfiller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.backfiller.testing.Harness;
import org.wubloader.backfiller.testing.PeerServer;
import org.wubloader.common.storage.WriteMode;
import org.wubloader.common.testing.PageCache;
import org.wubloader.common.testing.SegmentTree;
import picocli.CommandLine;

/** The command line: defaults, usage errors, and --run-once's exit status. */
class BackfillerCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();

    private int execute(BackfillerCommand command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    /** {@code backfiller desertbus --run-once} into {@code local} from {@code nodes}, as node "me"; its exit status. */
    private int runOnce(Path local, String nodes, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "desertbus",
                "--run-once",
                "--base-dir",
                local.toString(),
                "--metrics-port",
                "0",
                "--static-nodes",
                nodes,
                "--localhost",
                "me"));
        args.addAll(java.util.List.of(more));
        return execute(new BackfillerCommand(), args.toArray(String[]::new));
    }

    private BackfillerConfig parse(String... args) {
        BackfillerCommand command = new BackfillerCommand();
        new CommandLine(command).parseArgs(args); // also injects the command's spec
        return command.config();
    }

    @Test
    void defaultsAreTheSpecs() {
        BackfillerConfig c = parse("desertbus");
        assertThat(c.channels()).containsExactly("desertbus");
        assertThat(c.qualities()).containsExactly("source");
        assertThat(c.downloadConcurrency()).isEqualTo(5);
        assertThat(c.recentCutoff()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.timing().passInterval()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.timing().nodeRefresh()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.timing().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.start()).isEmpty();
        assertThat(c.localhost()).isNotBlank();
        assertThat(c.extras()).isEmpty();
        assertThat(c.writeMode()).isEqualTo(WriteMode.DIRECT);
    }

    @Test
    void theBuildersDefaultsAreTheCommandLines() {
        BackfillerConfig parsed = parse("desertbus", "--localhost", "me");
        BackfillerConfig built = BackfillerConfig.builder(parsed.baseDir())
                .channels("desertbus")
                .localhost("me")
                .build();
        assertThat(built).isEqualTo(parsed);
    }

    @Test
    void theBuilderRefusesWhatTheCommandLineRefuses() {
        assertThatThrownBy(() ->
                        BackfillerConfig.builder(tmp).downloadConcurrency(0).build())
                .hasMessage("--download-concurrency must be at least 1");
        assertThatThrownBy(() -> BackfillerConfig.builder(tmp).deleteOld().build())
                .hasMessage("--delete-old needs --start (what counts as old)");
    }

    @Test
    void optionsAreParsed() {
        BackfillerConfig c = parse(
                "desertbus",
                "other",
                "--qualities",
                "source,480p",
                "--extras",
                "maps,thumbs",
                "--static-nodes",
                "http://a.example:8000/,https://b.example",
                "--localhost",
                "me",
                "--start",
                "2.5",
                "--delete-old",
                "--download-concurrency",
                "20",
                "--recent-cutoff",
                "300.5",
                "--node-database",
                "host=db user=u",
                "--write-mode",
                "buffered");
        assertThat(c.channels()).containsExactly("desertbus", "other");
        assertThat(c.qualities()).containsExactly("source", "480p");
        assertThat(c.extras()).containsExactly("maps", "thumbs");
        assertThat(c.staticNodes())
                .extracting(p -> p.name() + " " + p.url())
                .containsExactly("a.example http://a.example:8000", "b.example https://b.example");
        assertThat(c.localhost()).isEqualTo("me");
        assertThat(c.start()).contains(new StartSpec.HoursAgo(2.5));
        assertThat(c.deleteOld()).isTrue();
        assertThat(c.downloadConcurrency()).isEqualTo(20);
        assertThat(c.recentCutoff()).isEqualTo(Duration.ofMillis(300_500));
        assertThat(c.nodeDatabase()).isEqualTo("host=db user=u");
        assertThat(c.writeMode()).isEqualTo(WriteMode.BUFFERED);
    }

    @Test
    void helpRendersWithoutPicocliFormatWarnings() {
        // picocli formats descriptions as format strings; a bare % makes it warn on stderr and
        // print the raw text.
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        String usage;
        try {
            System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
            usage = new picocli.CommandLine(new BackfillerCommand()).getUsageMessage();
        } finally {
            System.setErr(stderr);
        }
        assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
        assertThat(usage).contains("jittered ±10%");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(execute(new BackfillerCommand(), "desertbus", "--start", "yesterday"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--start 'yesterday'");
        assertThat(execute(new BackfillerCommand(), "desertbus", "--delete-old"))
                .isEqualTo(2);
        assertThat(execute(new BackfillerCommand(), "desertbus", "--static-nodes", "ftp://x"))
                .isEqualTo(2);
        assertThat(execute(new BackfillerCommand(), "desertbus", "--node-database", "nonsense"))
                .isEqualTo(2);
        assertThat(execute(new BackfillerCommand(), "desertbus", "--download-concurrency", "0"))
                .isEqualTo(2);
        assertThat(execute(new BackfillerCommand(), "..", "--run-once")).isEqualTo(2);
        assertThat(execute(new BackfillerCommand(), "desertbus", "--extras", "../etc"))
                .isEqualTo(2);
        assertThat(execute(new BackfillerCommand(), "desertbus", "--write-mode", "sideways"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--write-mode").contains("sideways");
        assertThat(execute(new BackfillerCommand(), "--help")).isZero();
    }

    @Test
    void noChannelIsAcceptedAsByTheOriginal() {
        assertThat(parse().channels()).isEmpty();
        assertThat(execute(
                        new BackfillerCommand(),
                        "--run-once",
                        "--base-dir",
                        tmp.toString(),
                        "--metrics-port",
                        "0",
                        "--localhost",
                        "me"))
                .as(err.toString())
                .isZero();
    }

    @Test
    void runOnceExitsZeroWhenEveryPassSucceedsAndOneOtherwise() throws Exception {
        Path remote = Files.createDirectories(tmp.resolve("remote"));
        Path local = Files.createDirectories(tmp.resolve("local"));
        new SegmentTree(remote).run("desertbus", "source", SegmentTree.at("2019-11-13T02:00:00"), 5, 2.0, 100);
        Vertx vertx = Vertx.vertx();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (PeerServer peer = PeerServer.start(vertx, remote)) {
            assertThat(runOnce(local, peer.url())).isZero();
            assertThat(Harness.allFiles(local)).hasSize(5);

            assertThat(runOnce(local, peer.url() + ",http://localhost:" + closedPort))
                    .isEqualTo(1);
        } finally {
            vertx.close().await();
        }
    }

    /**
     * The backfiller writes what it copies past the page cache (docs/storage.md §2.2): on the
     * project's disk (under target/; the temp directory may be a tmpfs, which is the cache), a
     * copied segment has no byte in the cache; with {@code --write-mode buffered} it is all there.
     */
    @Test
    void copiedSegmentsBypassThePageCacheUnlessWrittenBuffered() throws Exception {
        Path remote = Files.createDirectories(tmp.resolve("remote"));
        new SegmentTree(remote).run("desertbus", "source", SegmentTree.at("2019-11-13T02:00:00"), 3, 2.0, 300_001);
        Files.createDirectories(Path.of("target"));
        Path disk = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "write-mode-");
        Vertx vertx = Vertx.vertx();
        try (PeerServer peer = PeerServer.start(vertx, remote)) {
            for (String mode : new String[] {"direct", "buffered"}) {
                Path local = disk.resolve(mode);
                assertThat(runOnce(local, peer.url(), "--write-mode", mode))
                        .as(err.toString())
                        .isZero();
                assertThat(Harness.allFiles(local)).isEqualTo(Harness.allFiles(remote));
                for (Path file : Harness.allFiles(local).keySet().stream()
                        .map(local::resolve)
                        .toList()) {
                    long resident = PageCache.residentBytes(file);
                    if (mode.equals("direct")) {
                        assertThat(resident).as(file.toString()).isZero();
                    } else {
                        // Whole pages: the last one counts in full.
                        assertThat(resident).as(file.toString()).isGreaterThanOrEqualTo(Files.size(file));
                    }
                }
            }
        } finally {
            vertx.close().await();
            try (var paths = Files.walk(disk)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
