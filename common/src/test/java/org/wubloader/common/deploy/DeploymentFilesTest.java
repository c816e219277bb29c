package org.wubloader.common.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Quick checks of the deployment files that need no Docker engine (the images are built and the
 * compose file run for real by .ci/docker/run.sh): the compose file wires every service as
 * docs/deployment.md §8 asks, the operator-facing rules hold, and the README documents every variable.
 */
class DeploymentFilesTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Map<String, Integer> SERVICES =
            Map.of("downloader", 8001, "restreamer", 8000, "backfiller", 8002, "segment-coverage", 8006);

    @SuppressWarnings("unchecked")
    static Map<String, Object> services() throws IOException {
        return (Map<String, Object>)
                ((Map<String, Object>) new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml"))))
                        .get("services");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsEveryServiceOnTheSharedVolumeWithItsPort() throws IOException {
        Map<String, Object> services = services();
        assertThat(services).containsOnlyKeys("postgres", "downloader", "restreamer", "backfiller", "segment-coverage");
        String dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
        for (var entry : SERVICES.entrySet()) {
            Map<String, Object> service = (Map<String, Object>) services.get(entry.getKey());
            assertThat(service).as(entry.getKey()).doesNotContainKey("profiles");
            assertThat(service.get("restart")).as(entry.getKey()).isEqualTo("unless-stopped");
            assertThat((List<String>) service.get("volumes")).as(entry.getKey()).anyMatch(v -> v.endsWith(":/mnt"));
            assertThat((List<String>) service.get("ports"))
                    .as(entry.getKey())
                    .anyMatch(p -> p.endsWith(":" + entry.getValue()));
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            assertThat(build.get("dockerfile")).isEqualTo("docker/Dockerfile");
            assertThat(dockerfile).contains("FROM base AS " + build.get("target") + "\n");
            assertThat(((Map<String, Object>) service.get("environment")).get("WUBLOADER_BASE_DIR"))
                    .isEqualTo("/mnt");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDatabaseIsLocalToTheMachineWithARequiredPasswordAndServicesWaitForIt() throws IOException {
        Map<String, Object> services = services();
        Map<String, Object> postgres = (Map<String, Object>) services.get("postgres");
        assertThat((List<String>) postgres.get("ports")).allMatch(p -> p.startsWith("127.0.0.1:"));
        assertThat(((Map<String, Object>) postgres.get("environment"))
                        .get("POSTGRES_PASSWORD")
                        .toString())
                .startsWith("${WUBLOADER_DB_PASSWORD:?");
        assertThat(postgres).containsKey("healthcheck");
        for (String dependent : List.of("backfiller", "segment-coverage")) {
            Map<String, Object> dependsOn =
                    (Map<String, Object>) ((Map<String, Object>) services.get(dependent)).get("depends_on");
            assertThat(((Map<String, Object>) dependsOn.get("postgres")).get("condition"))
                    .isEqualTo("service_healthy");
        }
        String init = ((List<String>) postgres.get("volumes"))
                .stream()
                        .filter(v -> v.contains("docker-entrypoint-initdb.d"))
                        .findFirst()
                        .orElseThrow();
        assertThat(Files.readString(ROOT.resolve(init.substring(0, init.indexOf(':')))))
                .containsIgnoringCase("CREATE TABLE IF NOT EXISTS nodes");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDownloaderTakesAChannelSpecAndTheOthersAChannelName() throws IOException {
        Map<String, Object> services = services();
        assertThat(((List<String>) ((Map<String, Object>) services.get("downloader")).get("command")).get(0))
                .contains("WUBLOADER_DOWNLOAD_SPEC");
        assertThat(((List<String>) ((Map<String, Object>) services.get("backfiller")).get("command")).get(0))
                .contains("WUBLOADER_CHANNEL");
        assertThat((List<String>) ((Map<String, Object>) services.get("segment-coverage")).get("command"))
                .contains("--make-page", "--connection-string");
    }

    @Test
    void everyComposeVariableIsInTheReadme() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher m =
                Pattern.compile("\\$\\{(WUBLOADER_\\w+)").matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
        int found = 0;
        while (m.find()) {
            assertThat(readme).as("README documents " + m.group(1)).contains("`" + m.group(1) + "`");
            found++;
        }
        assertThat(found).isGreaterThan(10);
    }

    @Test
    void theBuildContextLeavesSegmentsAndTheDatabaseOut() throws IOException {
        List<String> ignore = Files.readAllLines(ROOT.resolve(".dockerignore"));
        assertThat(ignore).contains("*");
        assertThat(ignore)
                .noneMatch(line -> line.startsWith("!") && (line.contains("segments") || line.contains("postgres")));
    }

    @Test
    void everyMainClassTheLauncherNamesExists() throws IOException {
        String launcher = Files.readString(ROOT.resolve("bin/wubloader"));
        Matcher m = Pattern.compile("module=([\\w-]+);\\s+main=([\\w.]+)").matcher(launcher);
        int found = 0;
        while (m.find()) {
            Path source = ROOT.resolve(m.group(1))
                    .resolve("src/main/java")
                    .resolve(m.group(2).replace('.', '/') + ".java");
            assertThat(source).as("main class of %s", m.group(1)).exists();
            found++;
        }
        assertThat(found).isGreaterThanOrEqualTo(7); // the services, operator commands and --version
        assertThat(Files.isExecutable(ROOT.resolve("bin/wubloader"))).isTrue();
    }
}
