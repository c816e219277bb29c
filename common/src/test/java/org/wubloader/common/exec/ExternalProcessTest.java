package org.wubloader.common.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Real child processes: a shell that starts a grandchild, as yt-dlp starts ffmpeg. */
class ExternalProcessTest {
    /** Prints the pid of a backgrounded grandchild, then waits for it. */
    private static final List<String> SHELL_WITH_GRANDCHILD = List.of("sh", "-c", "sleep 300 & echo $!; wait");

    private static long grandchild(ExternalProcess p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.stdout(), StandardCharsets.US_ASCII));
        return Long.parseLong(r.readLine().strip());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static int readOrFail(ExternalProcess p) {
        try {
            return p.stdout().read();
        } catch (IOException e) {
            return -1; // the JDK closes the pipe when the process is reaped
        }
    }

    @Test
    void killEndsTheChildAndItsGrandchild() throws IOException {
        ProcessGroup group = new ProcessGroup();
        try (ExternalProcess shell = ExternalProcess.start(SHELL_WITH_GRANDCHILD, group)) {
            long sleeper = grandchild(shell);
            assertThat(alive(sleeper)).isTrue();
            shell.kill();
            await().atMost(Duration.ofSeconds(10)).until(() -> !alive(sleeper) && !shell.isAlive());
            // the grandchild held stdout too: with it dead a reader is no longer blocked
            assertThat(CompletableFuture.supplyAsync(() -> readOrFail(shell)))
                    .succeedsWithin(Duration.ofSeconds(10))
                    .isEqualTo(-1);
        }
        assertThat(group.size()).isZero();
    }

    @Test
    void timeoutKillsTheWholeTreeAndFails() throws IOException {
        ProcessGroup group = new ProcessGroup();
        try (ExternalProcess shell =
                ExternalProcess.start(SHELL_WITH_GRANDCHILD, group, false, Duration.ofMillis(300))) {
            long sleeper = grandchild(shell);
            assertThatThrownBy(shell::awaitSuccess)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("timed out");
            await().atMost(Duration.ofSeconds(10)).until(() -> !alive(sleeper));
        }
    }

    @Test
    void closeKillsWhatIsStillRunningWithItsDescendants() throws IOException {
        ProcessGroup group = new ProcessGroup();
        long sleeper;
        ExternalProcess shell = ExternalProcess.start(SHELL_WITH_GRANDCHILD, group);
        sleeper = grandchild(shell);
        shell.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !alive(sleeper));
        assertThat(shell.isAlive()).isFalse();
    }

    @Test
    void aKilledGroupKillsProcessesStartedIntoItLater() throws IOException {
        ProcessGroup group = new ProcessGroup();
        group.killAll();
        try (ExternalProcess p = ExternalProcess.start(List.of("sleep", "300"), group)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !p.isAlive());
            assertThat(p.wasKilled()).isTrue();
        }
    }

    @Test
    void runReturnsStdoutAndReportsAFailureWithItsStderr() throws IOException {
        ProcessGroup group = new ProcessGroup();
        assertThat(new String(
                        ExternalProcess.run(List.of("sh", "-c", "echo hello"), group, Duration.ofSeconds(10), 100)))
                .isEqualTo("hello\n");
        assertThat(ExternalProcess.run(List.of("sh", "-c", "yes | head -c 100000"), group, Duration.ofSeconds(10), 10))
                .hasSize(10);
        assertThatThrownBy(() -> ExternalProcess.run(
                        List.of("sh", "-c", "echo broken >&2; exit 3"), group, Duration.ofSeconds(10), 100))
                .isInstanceOf(IOException.class)
                .hasMessage("sh failed (exit 3): broken");
        assertThatThrownBy(() -> ExternalProcess.run(List.of("/nonexistent/tool"), group, Duration.ofSeconds(10), 100))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot run '/nonexistent/tool'");
        assertThat(group.size()).isZero();
    }
}
