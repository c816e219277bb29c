package org.wubloader.downloader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.process.Version;
import org.wubloader.common.testing.CommandRun;
import org.wubloader.common.testing.Promtool;
import org.wubloader.common.testing.ServiceProcess;

/** The downloader as its operators run it: one-line configuration errors, -V, clean metrics. */
class OperatorsProcessTest {
    @TempDir
    Path tmp;

    static CommandRun run(String... args) {
        return CommandRun.of(new DownloaderCommand(), args);
    }

    @Test
    void aBadChannelSpecIsOneLineNotBuriedUnderTheUsage() {
        CommandRun run = run("desertbus:vimeo:http://example.com/x.m3u8");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).as(run.err()).hasSize(1);
        assertThat(run.err())
                .contains("desertbus:vimeo:http://example.com/x.m3u8")
                .contains("unknown type 'vimeo'");
    }

    @Test
    void versionIsPrinted() {
        CommandRun run = run("--version");
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("wubloader-jvm " + Version.project() + " downloader");
    }

    @Test
    void aBaseDirThatIsAFileStopsTheDownloaderAtOnce() throws Exception {
        Path file = Files.writeString(tmp.resolve("segments"), "not a directory");
        CommandRun run = run(
                "desertbus:url:http://127.0.0.1:9/master.m3u8", "--base-dir", file.toString(), "--metrics-port", "0");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("--base-dir " + file + " is not a directory");
    }

    @Test
    void metricsAtTheServicePathPassPromtoolAndAStartLogsNoWarning() throws Exception {
        Path base = Files.createDirectories(tmp.resolve("base"));
        int port = ServiceProcess.freePort();
        int closed = ServiceProcess.freePort();
        try (ServiceProcess downloader = ServiceProcess.start(
                tmp,
                port,
                DownloaderMain.class.getName(),
                "desertbus:url:http://127.0.0.1:" + closed + "/master.m3u8",
                "--base-dir",
                base.toString(),
                "--metrics-port",
                Integer.toString(port))) {
            String scrape = downloader.get("/metrics/downloader");
            assertThat(scrape).contains("process_cpu_seconds_total").contains("process_open_fds");
            assertThat(downloader.get("/metrics")).contains("process_resident_memory_bytes");
            assertThat(downloader.stderr()).doesNotContain("already registered");
            Promtool.assertClean(scrape);
            assertThat(downloader.stop()).isZero();
        }
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("vertx-cache"));
        }
    }
}
