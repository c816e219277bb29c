package org.wubloader.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.wubloader.common.process.ProjectVersion;

/** {@code bin/wubloader}: its list of commands is the one it runs, and it prints the version. */
class LauncherTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    record Result(int status, String out) {}

    static Result launcher(String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("bash", ROOT.resolve("bin/wubloader").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void versionIsPrinted() throws Exception {
        for (String option : new String[] {"-V", "--version"}) {
            Result r = launcher(option);
            assertThat(r.status()).as(r.out()).isZero();
            assertThat(r.out()).startsWith("wubloader-jvm " + ProjectVersion.project() + " (Java ");
        }
    }

    @Test
    void everyListedCommandIsOneTheLauncherRunsAndItsMainExists() throws Exception {
        String script = Files.readString(ROOT.resolve("bin/wubloader"));
        Matcher entry = Pattern.compile("(?m)^  ([a-z-]+)\\)\\s+module=([a-z-]+);\\s+main=([\\w.]+) ;;")
                .matcher(script);
        List<String> runs = new ArrayList<>();
        while (entry.find()) {
            runs.add(entry.group(1));
            Path source = ROOT.resolve(entry.group(2))
                    .resolve("src/main/java")
                    .resolve(entry.group(3).replace('.', '/') + ".java");
            assertThat(source).as(entry.group(1)).exists();
        }
        Result help = launcher("--help");
        assertThat(help.status()).isZero();
        List<String> listed = help.out()
                .lines()
                .filter(l -> l.matches("  [a-z][a-z-]+ .*"))
                .map(l -> l.trim().split("\\s+")[0])
                .toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(runs);
    }
}
