package org.wubloader.common.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.testing.CommandRun;

/** Configuration as the original's operators write it, and one-line errors for bad configuration. */
class OperatorConfigurationTest {
    static CommandRun run(Object command, String... args) {
        return CommandRun.of(command, args);
    }

    @Test
    void pythonLevelNamesAreAcceptedInAnyCase() {
        assertThat(LogLevels.parse("WARNING")).isEqualTo(Level.WARN);
        assertThat(LogLevels.parse("warning")).isEqualTo(Level.WARN);
        assertThat(LogLevels.parse("CRITICAL")).isEqualTo(Level.ERROR);
        assertThat(LogLevels.parse("FATAL")).isEqualTo(Level.ERROR);
        assertThat(LogLevels.parse("fatal")).isEqualTo(Level.ERROR);
        assertThat(LogLevels.parse(" info ")).isEqualTo(Level.INFO);
        assertThat(LogLevels.parse("debug")).isEqualTo(Level.DEBUG);
        assertThatThrownBy(() -> LogLevels.parse("LOUD")).hasMessageContaining("'LOUD'");
    }

    @Test
    void serviceStartsWithThePythonLevelWarning(@TempDir Path base) {
        CommandRun run = run(new ProbeCommand(), "--base-dir", base.toString(), "--log-level", "WARNING");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("started on ");
        LoggingSetup.setLevel("root", "INFO");
    }

    @Test
    void badLogLevelIsOneLineAndStatusTwo(@TempDir Path base) {
        CommandRun run = run(new ProbeCommand(), "--base-dir", base.toString(), "--log-level", "LOUD");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("'LOUD'").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void metricsPortInUseNamesThePort(@TempDir Path base) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            CommandRun run =
                    run(new ProbeCommand(), "--base-dir", base.toString(), "--metrics-port", Integer.toString(port));
            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err().lines()).as(run.err()).hasSize(1);
            assertThat(run.err()).contains("--metrics-port " + port).doesNotContain("\tat ");
        }
    }

    @Test
    void baseDirThatIsARegularFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        CommandRun run = run(new ProbeCommand(), "--base-dir", file.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("--base-dir " + file).contains("not a directory");
        assertThat(run.out()).doesNotContain("started");
    }

    @Test
    void unknownOptionIsOneLineNotTheWholeUsage(@TempDir Path base) {
        CommandRun run = run(new ProbeCommand(), "--base-dir", base.toString(), "--no-such-option");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("--no-such-option");
    }

    @Test
    void versionOptionPrintsTheProjectVersion() {
        for (String option : new String[] {"-V", "--version"}) {
            CommandRun run = run(new ProbeCommand(), option);
            assertThat(run.status()).isZero();
            assertThat(run.out().strip()).startsWith("wubloader-jvm " + Version.project() + " probe");
        }
        assertThat(Version.project()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void commandsWithoutTheBaseClassGetTheVersionOptionToo() {
        CommandRun run = run(new org.wubloader.common.cli.TombstoneCommand(), "--version");
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("wubloader-jvm " + Version.project());
    }
}
