package org.wubloader.backfiller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data sharing archive (issue 15) through the real launcher and a real child JVM: an
 * installed layout (bin/, lib/, cds/, as in the images) is assembled from this test's class path,
 * bin/wubloader-cds trains the backfiller on it, and bin/wubloader then starts the backfiller with
 * and without a usable archive. Which classes came from the archive is read from the JVM's own
 * class-loading log (-Xlog:class+load: "source: shared objects file (top)" is the dynamic archive).
 * One layout is trained once (an archive is bound to its jars' paths); each test that breaks it
 * puts it back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassDataSharingTest {
    private static final String FROM_APP_ARCHIVE = "source: shared objects file (top)";

    private Path tmp;

    private Path install;
    private Path archive;

    @BeforeAll
    void installLayout(@TempDir Path dir) throws Exception {
        tmp = dir;
        install = Files.createDirectories(tmp.resolve("app"));
        Path bin = Files.createDirectories(install.resolve("bin"));
        Path lib = Files.createDirectories(install.resolve("lib"));
        Path project = Path.of("..").toAbsolutePath().normalize();
        for (String script : List.of("wubloader", "wubloader-cds")) {
            Path copy = Files.copy(project.resolve("bin").resolve(script), bin.resolve(script));
            copy.toFile().setExecutable(true);
        }
        int n = 0;
        for (Path entry : classPath()) {
            if (Files.isDirectory(entry)) {
                if (!entry.endsWith("test-classes")) {
                    jar(entry, lib.resolve("classes-" + n++ + ".jar"));
                }
            } else if (entry.toString().endsWith(".jar") && !Files.exists(lib.resolve(entry.getFileName()))) {
                Files.copy(entry, lib.resolve(entry.getFileName()));
            }
        }
        archive = install.resolve("cds").resolve("backfiller.jsa");
        Result training = run(List.of(bin.resolve("wubloader-cds").toString(), "backfiller"), Map.of());
        assertThat(training.status).as("training run: %s", training.output).isZero();
        assertThat(archive).isNotEmptyFile();
    }

    @Test
    void archiveMadeByTrainingIsUsedAtStart() throws Exception {
        Result run = startBackfiller(Map.of());
        assertThat(run.startedWork()).as(run.output).isTrue();
        assertThat(run.classesFromArchive("org.wubloader.")).isPositive();
        assertThat(run.classesFromArchive("io.vertx.")).isPositive();
        // Loaded on the startup thread (Startup.prepare) while the main thread parses: archived too.
        assertThat(run.classesFromArchive("org.wubloader.common.process.Startup$Parts "))
                .isOne();
        assertThat(run.classesFromArchive("com.fasterxml.jackson.core.JsonFactory "))
                .isOne();
        // picocli built as Java 17 class files (picocli-java17): archived, where the Java 5 ones were not.
        assertThat(run.classesFromArchive("picocli.CommandLine ")).isOne();
        // Logging through the services' own SLF4J provider: Logback's lines, and no SLF4J notice.
        assertThat(run.classesFromArchive("org.wubloader.common.process.LogProvider "))
                .isOne();
        assertThat(run.output).doesNotContain("SLF4J").containsPattern("(?m)^\\S+Z WARN  \\[");
    }

    @Test
    void serviceStartsWithoutAnArchive() throws Exception {
        Path aside = Files.move(archive, tmp.resolve("aside.jsa"));
        try {
            Result run = startBackfiller(Map.of());
            assertThat(run.startedWork()).as(run.output).isTrue();
            assertThat(run.classesFromArchive("")).isZero();
        } finally {
            Files.move(aside, archive);
        }
    }

    @Test
    void archiveOlderThanAJarIsNotUsed() throws Exception {
        Path jar = firstWubloaderJar();
        FileTime original = Files.getLastModifiedTime(jar);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        try {
            Result run = startBackfiller(Map.of());
            assertThat(run.startedWork()).as(run.output).isTrue();
            assertThat(run.classesFromArchive("")).isZero();
        } finally {
            Files.setLastModifiedTime(jar, original);
        }
    }

    @Test
    void archiveTheJvmRefusesStillLetsTheServiceStart() throws Exception {
        // A jar rewritten with other bytes but an old mtime gets past the launcher's check; the
        // JVM sees the size/mtime mismatch itself, runs without the archive and says so on stderr.
        Path jar = firstWubloaderJar();
        Path original = Files.copy(jar, tmp.resolve("original.jar"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        try {
            try (OutputStream out = Files.newOutputStream(jar, java.nio.file.StandardOpenOption.APPEND)) {
                out.write(new byte[] {0}); // a byte after the end of the zip: still a valid jar, another size
            }
            Files.setLastModifiedTime(
                    jar, FileTime.fromMillis(Files.getLastModifiedTime(original).toMillis() - 60_000));
            Result run = startBackfiller(Map.of());
            assertThat(run.startedWork()).as(run.output).isTrue();
            assertThat(run.classesFromArchive("")).isZero();
            assertThat(run.output).contains("Unable to use shared archive");
        } finally {
            Files.copy(
                    original,
                    jar,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    @Test
    void cdsOffRunsWithoutTheArchive() throws Exception {
        Result run = startBackfiller(Map.of("WUBLOADER_CDS", "off"));
        assertThat(run.startedWork()).as(run.output).isTrue();
        assertThat(run.classesFromArchive("")).isZero();
    }

    /** A --run-once against a port where nothing listens: it starts, tries its peer, exits 1. */
    private Result startBackfiller(Map<String, String> env) throws Exception {
        Path base = Files.createDirectories(tmp.resolve("base-" + System.nanoTime()));
        Path classLog = tmp.resolve("class-load-" + System.nanoTime() + ".txt");
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        Result result = run(
                List.of(
                        install.resolve("bin").resolve("wubloader").toString(),
                        "backfiller",
                        "desertbus",
                        "--base-dir",
                        base.toString(),
                        "--static-nodes",
                        "http://127.0.0.1:9",
                        "--localhost",
                        "test",
                        "--run-once",
                        "--metrics-port",
                        "-1"),
                all);
        result.classLog = Files.exists(classLog) ? Files.readAllLines(classLog) : List.of();
        return result;
    }

    private Path firstWubloaderJar() throws IOException {
        try (Stream<Path> jars = Files.list(install.resolve("lib"))) {
            return jars.filter(p -> p.getFileName().toString().startsWith("classes-"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static Result run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("WUBLOADER_CDS");
        pb.environment().putAll(env);
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        Process process = pb.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static final class Result {
        final int status;
        final String output;
        List<String> classLog = List.of();

        Result(int status, String output) {
            this.status = status;
            this.output = output;
        }

        /** The run reached its first useful work: it tried its peer (and failed, nothing listens). */
        boolean startedWork() {
            return status == 1 && output.contains("backfilling from http://127.0.0.1:9");
        }

        long classesFromArchive(String prefix) {
            return classLog.stream()
                    .filter(l -> l.contains(FROM_APP_ARCHIVE) && l.contains("] " + prefix))
                    .count();
        }
    }

    /** This JVM's class path; Surefire's manifest-only booter jar is expanded to what it lists. */
    private static Set<Path> classPath() throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (path.getFileName().toString().startsWith("surefirebooter")) {
                try (JarFile booter = new JarFile(path.toFile())) {
                    for (String url : booter.getManifest()
                            .getMainAttributes()
                            .getValue("Class-Path")
                            .split(" ")) {
                        if (!url.isBlank()) {
                            out.add(Path.of(URI.create(url)));
                        }
                    }
                }
            } else {
                out.add(path);
            }
        }
        return out;
    }

    private static void jar(Path classes, Path jar) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path file : files) {
                out.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}
