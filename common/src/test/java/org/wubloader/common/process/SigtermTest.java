package org.wubloader.common.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigtermTest {
    /** The probe service as a child JVM whose temp dir is {@code tmp}. */
    static Process probe(Path base, Path tmp) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-Djava.io.tmpdir=" + tmp,
                        "-cp",
                        System.getProperty("java.class.path"),
                        SigtermProbe.class.getName(),
                        base.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    @Test
    void sigtermLetsTheServiceCleanUpAndExitZero(@TempDir Path base, @TempDir Path tmp) throws Exception {
        Process child = probe(base, tmp);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            String line = out.readLine();
            assertThat(line).startsWith("READY ");
            assertThat(base.resolve("work-in-progress.temp")).exists();

            child.destroy(); // SIGTERM on Unix
            assertThat(child.waitFor(20, TimeUnit.SECONDS))
                    .as("exits within 20 s")
                    .isTrue();
            assertThat(child.exitValue()).isZero();
            assertThat(base.resolve("cleaned-up")).hasContent("yes");
            assertThat(base.resolve("work-in-progress.temp")).doesNotExist();
            // Vert.x's file cache is off: no vertx-cache-* directory is left in the temp dir
            try (var left = Files.list(tmp)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("vertx-cache"));
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aKilledServiceLeavesNoVertxCacheInTheTempDir(@TempDir Path base, @TempDir Path tmp) throws Exception {
        Process child = probe(base, tmp);
        try {
            String line = new BufferedReader(new InputStreamReader(child.getInputStream())).readLine();
            assertThat(line).startsWith("READY ");
            child.destroyForcibly(); // kill -9: nothing is cleaned up on the way out
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            try (var left = Files.list(tmp)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("vertx-cache"));
            }
        } finally {
            child.destroyForcibly();
        }
    }
}
