package org.wubloader.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code promtool check metrics} (Debian package {@code prometheus}) on a scrape: the exposition
 * format and Prometheus' naming lint, which the original's dashboards and alerts rely on. CI
 * installs promtool (.ci/run), so there a missing promtool is a failure; elsewhere the check is
 * skipped with a note saying how to install it.
 */
public final class Promtool {
    private Promtool() {}

    public static boolean present() {
        String path = System.getenv("PATH");
        return path != null
                && Arrays.stream(path.split(":"))
                        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "promtool")));
    }

    /**
     * Fails unless promtool accepts {@code scrape} with no complaint, except naming lint about
     * {@code originalNames}: names the original exports and dashboards query, which must stay
     * as they are (e.g. {@code hours_backfilled_total}, "use base unit seconds"). Returns
     * promtool's output.
     */
    public static String assertClean(String scrape, String... originalNames) throws IOException, InterruptedException {
        if (!present()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("promtool is not on the PATH; .ci/run installs it (apt-get install prometheus)");
            }
            Assumptions.abort("promtool is not installed here (apt-get install prometheus); CI runs this check");
        }
        Process p = new ProcessBuilder("promtool", "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> allowed = List.of(originalNames);
        List<String> complaints = output.lines()
                .filter(line -> !allowed.contains(line.split(" ", 2)[0]))
                .toList();
        assertThat(complaints).as("promtool check metrics").isEmpty();
        if (output.isEmpty()) {
            assertThat(p.exitValue()).as("promtool exit status").isZero();
        }
        return output;
    }
}
