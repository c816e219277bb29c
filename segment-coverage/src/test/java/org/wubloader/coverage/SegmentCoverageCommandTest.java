package org.wubloader.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.cli.CommandMain;
import org.wubloader.common.testing.SegmentTree;

/** The command line: every option of §7, usage errors as one clear line. */
class SegmentCoverageCommandTest {
    @TempDir
    Path base;

    private String err;

    private int run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            return CommandMain.execute(new SegmentCoverageCommand(), args);
        } finally {
            System.setErr(old);
            err = buffer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyOptionIsAcceptedAndARunOnceWritesTheMap() {
        new SegmentTree(base).run("desertbus", "source", SegmentTree.at("2019-11-13T02:00:00"), 5, 2.0, 10);
        int status = run(
                "desertbus",
                "--base-dir",
                base.toString(),
                "--qualities",
                " source ,",
                "--first-hour",
                "2019-11-13T02:30:00+00:00",
                "--last-hour",
                "2019-11-13T03:00",
                "--check-interval",
                "60",
                "--output-dir",
                "maps",
                "--metrics-port",
                "0",
                "--backdoor-port",
                "0",
                "--run-once");
        assertThat(status).as(err).isZero();
        assertThat(base.resolve("maps/desertbus_source_coverage.png")).exists();
        assertThat(base.resolve("maps/desertbus_source_coverage.json")).exists();
    }

    @Test
    void badValuesAreUsageErrorsNamingTheValue() {
        assertThat(run("desertbus", "--check-interval", "1.5")).isEqualTo(2);
        assertThat(err).contains("1.5");
        assertThat(run("desertbus", "--check-interval", "0")).isEqualTo(2);
        assertThat(err).contains("--check-interval");
        assertThat(run("desertbus", "--first-hour", "yesterday")).isEqualTo(2);
        assertThat(err).contains("--first-hour 'yesterday'");
        assertThat(run("desertbus", "--connection-string", "nonsense")).isEqualTo(2);
        assertThat(err).contains("neither");
        assertThat(run("../etc")).isEqualTo(2);
        assertThat(err).contains("bad channel or quality name '../etc'");
        assertThat(run("desertbus", "--output-dir", "../out")).isEqualTo(2);
        assertThat(err).contains("--output-dir");
        assertThat(err).doesNotContain("\tat ");
    }

    @Test
    void theServiceServesItsGaugesAndStopsOnSigtermWithStatusZero() throws Exception {
        new SegmentTree(base).run("desertbus", "source", SegmentTree.at("2019-11-13T02:00:00"), 5, 2.0, 10);
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        javaBin,
                        "-cp",
                        System.getProperty("java.class.path"),
                        SegmentCoverageMain.class.getName(),
                        "desertbus",
                        "--base-dir",
                        base.toString(),
                        "--metrics-port",
                        Integer.toString(port),
                        "--check-interval",
                        "1")
                .redirectErrorStream(true)
                .redirectOutput(base.resolve("service.log").toFile())
                .start();
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest scrape = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(java.time.Duration.ofSeconds(5))
                    .build();
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(
                            () -> http.send(scrape, java.net.http.HttpResponse.BodyHandlers.ofString())
                                    .body()
                                    .contains(
                                            "raw_coverage{channel=\"desertbus\",hour=\"2019-11-13T02\",quality=\"source\"} 10.0"));
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }
}
