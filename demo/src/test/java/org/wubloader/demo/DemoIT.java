package org.wubloader.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it: {@code bin/wubloader demo} starts, node B fills from node A, and
 * SIGTERM leaves no process behind.
 */
class DemoIT {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path tmp;

    Process demo;

    @AfterEach
    void killLeftovers() {
        if (demo != null) {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
    }

    @Test
    void nodeBFillsFromNodeAAndSigtermLeavesNoProcessBehind() throws Exception {
        int ports = freePortBlock();
        Path dir = tmp.resolve("demo");
        Path output = tmp.resolve("demo.out");
        demo = new ProcessBuilder(
                        ROOT.resolve("bin/wubloader").toString(),
                        "demo",
                        "--dir",
                        dir.toString(),
                        "--ports-from",
                        Integer.toString(ports))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();

        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .failFast("the demo exited: " + output, () -> !demo.isAlive())
                .until(() -> Demo.segments(dir.resolve("node-b")) >= 3);
        String shown = Files.readString(output);
        assertThat(shown)
                .contains(
                        "http://127.0.0.1:" + ports + "/",
                        "http://127.0.0.1:" + (ports + 10) + "/",
                        "http://127.0.0.1:" + (ports + 90) + "/stream.m3u8",
                        "Ctrl-C stops everything");
        // The origin's ffmpeg and six services, each a child of the demo.
        List<ProcessHandle> children = demo.descendants().toList();
        assertThat(children).hasSizeGreaterThanOrEqualTo(7);

        demo.destroy(); // SIGTERM
        assertThat(demo.waitFor(60, TimeUnit.SECONDS))
                .as("the demo exits after SIGTERM")
                .isTrue();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(children).noneMatch(ProcessHandle::isAlive));
        assertThat(Files.readString(output)).contains("stopping").doesNotContain("Exception");
        assertThat(dir)
                .as("a --dir that did not exist is removed without --keep")
                .doesNotExist();
    }

    /** A block of PORT..PORT+90 with every port the demo uses free (loopback only). */
    static int freePortBlock() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 40000);
            if (allFree(base, 0, 1, 6, 10, 12, 16, 90)) {
                return base;
            }
        }
        throw new IOException("no free block of ports found");
    }

    private static boolean allFree(int base, int... offsets) {
        for (int offset : offsets) {
            try (ServerSocket socket = new ServerSocket(base + offset, 1, java.net.InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
