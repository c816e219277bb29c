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
 * No Docker engine runs where the tests run, so the deployment files are checked statically:
 * the compose file parses and wires every service as SPEC §8 asks, every build target exists in
 * the Dockerfile, and everything they point at exists in the repository.
 */
class DeploymentFilesTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Map<String, Integer> SERVICES = Map.of("downloader", 8001, "restreamer", 8000, "backfiller", 8002, "segment-coverage", 8006);

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsEveryServiceOnTheSharedVolumeWithItsPort() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsOnlyKeys("postgres", "downloader", "restreamer", "backfiller", "segment-coverage");
        String dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
        for (var entry : SERVICES.entrySet()) {
            Map<String, Object> service = (Map<String, Object>) services.get(entry.getKey());
            assertThat(service.get("restart")).as(entry.getKey()).isEqualTo("unless-stopped");
            assertThat((List<String>) service.get("volumes")).as(entry.getKey()).anyMatch(v -> v.endsWith(":/mnt"));
            assertThat((List<String>) service.get("ports")).as(entry.getKey()).contains(entry.getValue() + ":" + entry.getValue());
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            assertThat(build.get("dockerfile")).isEqualTo("docker/Dockerfile");
            assertThat(dockerfile).contains("FROM base AS " + build.get("target") + "\n");
            assertThat(((Map<String, Object>) service.get("environment")).get("WUBLOADER_BASE_DIR")).isEqualTo("/mnt");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void postgresGetsTheNodesSchemaOnFirstStart() throws IOException {
        Map<String, Object> postgres = (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get("postgres");
        List<String> volumes = (List<String>) postgres.get("volumes");
        String init = volumes.stream().filter(v -> v.contains("docker-entrypoint-initdb.d")).findFirst().orElseThrow();
        Path schema = ROOT.resolve(init.substring(0, init.indexOf(':')));
        assertThat(schema).exists();
        assertThat(Files.readString(schema)).containsIgnoringCase("CREATE TABLE IF NOT EXISTS nodes");
    }

    @Test
    void imagesShareTheirFirstLayersAndRunAsANonRootUser() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
        int base = dockerfile.indexOf("AS base");
        int deps = dockerfile.indexOf("COPY --from=build /layers/deps/", base);
        int common = dockerfile.indexOf("COPY --from=build /layers/common/", base);
        int user = dockerfile.indexOf("USER wubloader", base);
        assertThat(base).isPositive();
        assertThat(deps).as("third-party jars before common").isGreaterThan(base).isLessThan(common);
        assertThat(user).isGreaterThan(common);
        for (String service : SERVICES.keySet()) {
            int stage = dockerfile.indexOf("FROM base AS " + service);
            assertThat(stage).as(service).isGreaterThan(user);
            assertThat(dockerfile.indexOf("ENTRYPOINT [\"/app/bin/wubloader\", \"" + service + "\"]", stage)).as(service).isPositive();
        }
        assertThat(dockerfile).doesNotContain("USER root");
    }

    @Test
    void everyMainClassTheLauncherNamesExists() throws IOException {
        String launcher = Files.readString(ROOT.resolve("bin/wubloader"));
        Matcher m = Pattern.compile("module=([\\w-]+);\\s+main=([\\w.]+)").matcher(launcher);
        int found = 0;
        while (m.find()) {
            Path source = ROOT.resolve(m.group(1)).resolve("src/main/java").resolve(m.group(2).replace('.', '/') + ".java");
            assertThat(source).as("main class of %s", m.group(1)).exists();
            found++;
        }
        assertThat(found).isGreaterThanOrEqualTo(7); // the services, operator commands and --version
        assertThat(Files.isExecutable(ROOT.resolve("bin/wubloader"))).isTrue();
    }
}
