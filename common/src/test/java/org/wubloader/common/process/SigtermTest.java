package org.wubloader.common.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigtermTest {
    @Test
    void sigtermLetsTheServiceCleanUpAndExitZero(@TempDir Path base) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        SigtermProbe.class.getName(), base.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            String line = out.readLine();
            assertThat(line).startsWith("READY ");
            assertThat(base.resolve("work-in-progress.temp")).exists();

            child.destroy(); // SIGTERM on Unix
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("exits within 20 s").isTrue();
            assertThat(child.exitValue()).isZero();
            assertThat(base.resolve("cleaned-up")).hasContent("yes");
            assertThat(base.resolve("work-in-progress.temp")).doesNotExist();
        } finally {
            child.destroyForcibly();
        }
    }
}
